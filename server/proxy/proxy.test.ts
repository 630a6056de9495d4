import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyEvent } from '../provider.ts';
import { api, login, mintTestTokens, proxyCredentialsFor, startTestProvider } from '../test-support.ts';
import { hostileCases } from '../tokens/hostile-tokens.ts';
import { proxyConnect, proxyGet, startRecordingOrigin } from './test-clients.ts';
import type { TestProvider } from '../test-support.ts';
import type { ProxyTarget } from './test-clients.ts';

describe('authenticating proxies', () => {
  let provider: TestProvider;
  let origin: Awaited<ReturnType<typeof startRecordingOrigin>>;
  let proxy: ProxyTarget & { id: string };
  let creds: { username: string; password: string };
  const events: ProxyEvent[] = [];

  beforeAll(async () => {
    origin = await startRecordingOrigin();
    provider = await startTestProvider({
      upstreamLocalAddress: '127.0.0.2',
      onProxyEvent: (event) => events.push(event),
    });
    const server = provider.regions[0]!.servers[0]!;
    proxy = { id: server.id, host: server.host, port: server.port };
    creds = await proxyCredentialsFor(provider.accountUrl, 'de-fra');
  });
  afterAll(async () => {
    await provider?.dispose();
    await origin?.close();
  });

  it('asks for credentials with 407 and Proxy-Authenticate: Basic, for GET and CONNECT', async () => {
    const seen = origin.seen.length;
    const get = await proxyGet(proxy, `http://127.0.0.1:${origin.port}/`);
    expect(get.status).toBe(407);
    expect(get.headers['proxy-authenticate']).toMatch(/^Basic realm=/);
    const connect = await proxyConnect(proxy, `127.0.0.1:${origin.port}`);
    expect(connect.status).toBe(407);
    expect(connect.headers['proxy-authenticate']).toMatch(/^Basic /);
    expect(origin.seen.length).toBe(seen);
  });

  it('forwards an HTTP GET with valid credentials from the upstream local address', async () => {
    const answer = await proxyGet(proxy, `http://127.0.0.1:${origin.port}/page?q=1`, creds);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('hello');
    const request = origin.seen.at(-1);
    expect(request?.remoteAddress).toBe('127.0.0.2');
    expect(request?.headers['proxy-authorization']).toBeUndefined();
  });

  it('tunnels CONNECT with valid credentials from the upstream local address', async () => {
    const answer = await proxyConnect(proxy, `127.0.0.1:${origin.port}`, creds);
    expect(answer.status).toBe(200);
    expect(answer.tunnelled).toMatch(/^HTTP\/1\.1 200[\s\S]*hello$/);
    expect(origin.seen.at(-1)?.remoteAddress).toBe('127.0.0.2');
  });

  it('resolves *.test names through the static hosts map', async () => {
    const get = await proxyGet(proxy, `http://site.test:${origin.port}/`, creds);
    expect(get.status).toBe(200);
    expect(origin.seen.at(-1)?.headers.host).toBe(`site.test:${origin.port}`);
    const connect = await proxyConnect(proxy, `deep.site.test:${origin.port}`, creds);
    expect(connect.status).toBe(200);
    expect(origin.seen.at(-1)?.remoteAddress).toBe('127.0.0.2');
  });

  it('refuses tampered tokens, a swapped username and a token for another region', async () => {
    const flipped =
      creds.password.slice(0, 200) + (creds.password[200] === 'A' ? 'B' : 'A') + creds.password.slice(201);
    const [tokyo] = await mintTestTokens(provider.accountUrl, await login(provider.accountUrl), [
      { regionId: 'jp-tyo' },
    ]);
    const cases = [
      { username: creds.username, password: flipped },
      { username: 'someoneElse', password: creds.password },
      { username: tokyo!.username, password: tokyo!.password },
    ];
    for (const bad of cases) {
      expect((await proxyGet(proxy, `http://127.0.0.1:${origin.port}/`, bad)).status).toBe(407);
      expect((await proxyConnect(proxy, `127.0.0.1:${origin.port}`, bad)).status).toBe(407);
    }
  });

  it('refuses every hostile token (at least 40) with a 407 and keeps serving valid ones', async () => {
    const session = await login(provider.accountUrl);
    const cases = await hostileCases(
      {
        name: provider.issuer.name,
        epochSeconds: provider.issuer.epochSeconds,
        epochNow: () => Math.floor(Date.now() / 1000 / provider.issuer.epochSeconds),
        mint: async (needs) => mintTestTokens(provider.accountUrl, session, needs),
      },
      'de-fra',
    );
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const seenBefore = origin.seen.length;
    const answers = await Promise.all(
      cases.map(async (c) => [c.name, (await proxyGet(proxy, `http://127.0.0.1:${origin.port}/`, c)).status] as const),
    );
    // Node's HTTP parser refuses a header over 16 KB with its own 400 before the verifier runs.
    const oversized = (name: string) => name.startsWith('64 KB');
    expect(answers.filter(([name, status]) => status !== (oversized(name) ? 400 : 407))).toEqual([]);
    expect(origin.seen.length).toBe(seenBefore);
    expect((await proxyConnect(proxy, `127.0.0.1:${origin.port}`, cases[0]!)).status).toBe(407);
    expect((await proxyGet(proxy, `http://127.0.0.1:${origin.port}/`, creds)).status).toBe(200);
  });

  it('reports each decision as an in-memory event', () => {
    const target = `127.0.0.1:${origin.port}`;
    expect(events).toContainEqual({
      username: expect.any(String),
      serverId: proxy.id,
      regionId: 'de-fra',
      kind: 'request',
      target,
      authorized: false,
    });
    expect(events).toContainEqual({
      username: expect.any(String),
      serverId: proxy.id,
      regionId: 'de-fra',
      kind: 'request',
      target,
      authorized: true,
    });
    expect(events).toContainEqual({
      username: expect.any(String),
      serverId: proxy.id,
      regionId: 'de-fra',
      kind: 'connect',
      target,
      authorized: true,
    });
    expect(events).toContainEqual({
      username: expect.any(String),
      serverId: proxy.id,
      regionId: 'de-fra',
      kind: 'connect',
      target,
      authorized: false,
    });
  });

  it('stopServer makes the port refuse connections; startServer brings it back on the same port', async () => {
    await provider.stopServer(proxy.id);
    await expect(proxyGet(proxy, `http://127.0.0.1:${origin.port}/`, creds)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    const other = provider.regions[0]!.servers[1]!;
    expect((await proxyGet(other, `http://127.0.0.1:${origin.port}/`, creds)).status).toBe(200);
    await provider.startServer(proxy.id);
    expect((await proxyGet(proxy, `http://127.0.0.1:${origin.port}/`, creds)).status).toBe(200);
  });

  it('stopServer cuts open tunnels', async () => {
    const socket = net.connect(proxy.port, proxy.host);
    await new Promise((resolve) => socket.once('connect', resolve));
    const auth = Buffer.from(`${creds.username}:${creds.password}`).toString('base64');
    socket.write(`CONNECT 127.0.0.1:${origin.port} HTTP/1.1\r\nProxy-Authorization: Basic ${auth}\r\n\r\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await provider.stopServer(proxy.id);
    await closed;
    await provider.startServer(proxy.id);
  });

  it('a token outlives the logout of the session that took it, until its epoch ends (unlinkable)', async () => {
    const token = await login(provider.accountUrl);
    const [mine] = await mintTestTokens(provider.accountUrl, token, [{ regionId: 'de-fra' }]);
    const credentials = { username: mine!.username, password: mine!.password };
    await api(provider.accountUrl, 'DELETE', '/v1/sessions/current', { token });
    // The proxy cannot know whose token it is, so it cannot refuse it: docs/security.md.
    expect((await proxyGet(proxy, `http://127.0.0.1:${origin.port}/`, credentials)).status).toBe(200);
  });

  it('the account service reports the proxy address when reached through a proxy', async () => {
    const answer = await proxyGet(proxy, `${provider.accountUrl}/v1/connection-check`, creds);
    expect(JSON.parse(answer.body)).toEqual({ ip: '127.0.0.2', country: null });
  });
});
