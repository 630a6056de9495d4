import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, api, login, startTestProvider } from '../test-support.ts';
import type { TestProvider } from '../test-support.ts';

describe('account service', () => {
  let provider: TestProvider;
  let base: string;

  beforeAll(async () => {
    provider = await startTestProvider({ loginRateLimit: { max: 50, windowMs: 60_000 } });
    base = provider.accountUrl;
  });
  afterAll(() => provider?.dispose());

  it('signs in: 201 with a 32-byte base64url token and a 30-day expiry', async () => {
    const before = Date.now();
    const answer = await api(base, 'POST', '/v1/sessions', {
      body: { email: ' Demo@Zone.TEST ', password: DEMO.password },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const days30 = 30 * 24 * 3600_000;
    expect(answer.body.expiresAt).toBeGreaterThanOrEqual(before + days30);
    expect(answer.body.expiresAt).toBeLessThanOrEqual(Date.now() + days30);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses malformed bodies with invalid_request and never echoes them', async () => {
    const cases = [
      { body: { email: 'not-an-email', password: 'x' } },
      { body: { email: DEMO.email } },
      { body: { email: DEMO.email, password: '' } },
      {
        rawBody: '{"email": "demo@zone.test", "password": "secret-in-bad-json"',
        headers: { 'content-type': 'application/json' },
      },
    ];
    for (const init of cases) {
      const answer = await api(base, 'POST', '/v1/sessions', init);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('invalid_request');
      expect(JSON.stringify(answer.body)).not.toContain('secret-in-bad-json');
    }
  });

  it('bodiless endpoints accept an empty body labelled JSON; sign-in does not', async () => {
    const token = await login(base);
    const json = { 'content-type': 'application/json' };
    expect((await api(base, 'POST', '/v1/sessions', { headers: json })).body.error?.code).toBe('invalid_request');
    expect((await api(base, 'DELETE', '/v1/sessions/current', { token, headers: json })).status).toBe(204);
  });

  it('unknown endpoints answer the error format', async () => {
    const answer = await api(base, 'GET', '/v1/nothing');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('requires a live bearer token for account, regions and token issuance', async () => {
    for (const [method, path] of [
      ['GET', '/v1/account'],
      ['GET', '/v1/regions'],
      ['POST', '/v1/tokens'],
      ['DELETE', '/v1/sessions/current'],
    ] as const) {
      for (const token of [undefined, 'A'.repeat(43)]) {
        const answer = await api(base, method, path, { token });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.error?.code).toBe('unauthorized');
      }
    }
  });

  it('GET /v1/account describes the signed-in user', async () => {
    const token = await login(base);
    const answer = await api(base, 'GET', '/v1/account', { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ email: DEMO.email, plan: 'premium', planExpiresAt: null });
  });

  it('GET /v1/regions lists the regions with the actual listening ports', async () => {
    const token = await login(base);
    const answer = await api(base, 'GET', '/v1/regions', { token });
    expect(answer.status).toBe(200);
    // Each region also carries its live load (0-100): open proxy connections against capacity.
    expect(answer.body.regions).toEqual(provider.regions.map((r) => ({ ...r, load: 0 })));
    const servers = answer.body.regions?.flatMap((r) => r.servers) ?? [];
    expect(servers).toHaveLength(3);
    for (const server of servers) {
      expect(server.port).toBeGreaterThan(0);
      expect(server).toEqual({ id: expect.any(String), host: '127.0.0.1', port: server.port, scheme: 'http' });
    }
    expect(new Set(servers.map((s) => s.port)).size).toBe(3);
  });

  it('the linkable credential endpoint is gone: POST /v1/proxy-credentials is a 404', async () => {
    const token = await login(base);
    expect((await api(base, 'POST', '/v1/proxy-credentials', { token })).status).toBe(404);
  });

  it('logout deletes the session: the token is then refused', async () => {
    const token = await login(base);
    expect((await api(base, 'GET', '/v1/account', { token })).status).toBe(200);
    const out = await api(base, 'DELETE', '/v1/sessions/current', { token });
    expect(out.status).toBe(204);
    expect((await api(base, 'GET', '/v1/account', { token })).status).toBe(401);
    expect((await api(base, 'DELETE', '/v1/sessions/current', { token })).status).toBe(401);
  });

  it('connection-check and healthz need no auth', async () => {
    expect((await api(base, 'GET', '/v1/connection-check')).body).toEqual({ ip: '127.0.0.1', country: null });
    expect((await api(base, 'GET', '/healthz')).body).toEqual({ ok: true });
  });

  it('answers CORS preflights from extension origins only', async () => {
    const preflight = (origin: string) =>
      fetch(new URL('/v1/tokens', base), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const ext = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ext.status).toBe(204);
    expect(ext.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    const web = await preflight('https://evil.example');
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('region load', () => {
  it('counts open proxy connections, live', async () => {
    const p = await startTestProvider();
    try {
      const token = await login(p.accountUrl);
      const before = await api(p.accountUrl, 'GET', '/v1/regions', { token });
      expect(before.body.regions?.[0]).toMatchObject({ load: 0 });
      const server = p.regions[0]!.servers[0]!;
      const socket = net.connect(server.port, server.host);
      await new Promise((resolve) => socket.once('connect', resolve));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const during = await api(p.accountUrl, 'GET', '/v1/regions', { token });
      expect(during.body.regions?.[0]?.load).toBeGreaterThan(0);
      socket.destroy();
    } finally {
      await p.dispose();
    }
  });
});
