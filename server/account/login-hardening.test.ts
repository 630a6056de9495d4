import { describe, expect, it } from 'vitest';
import type { ProviderOptions } from '../provider.ts';
import { ENGINES, useTestDatabases } from '../test-databases.ts';
import { DEMO, api, login, startTestProvider } from '../test-support.ts';
import { AccountStore } from './store.ts';
import { hashToken } from './tokens.ts';

const databases = useTestDatabases();

describe('sign-in timing', () => {
  it('answers a wrong password and an unknown email the same way, after similar work', async () => {
    // A cost high enough for the KDF to dominate the answer time (the default is 4x this).
    const provider = await startTestProvider({
      passwordCost: { N: 8192, r: 8, p: 1 },
      loginRateLimit: { max: 100, windowMs: 60_000 },
    });
    try {
      const timed = async (body: unknown) => {
        const start = performance.now();
        const answer = await api(provider.accountUrl, 'POST', '/v1/sessions', { body });
        return { answer, ms: performance.now() - start };
      };
      const wrong = { email: DEMO.email, password: 'wrong password' };
      const unknown = { email: 'nobody@zone.test', password: 'wrong password' };
      const noKdf = { email: 'nobody@zone.test' }; // refused before any KDF work
      await timed(unknown); // warm-up
      // Minimum of interleaved samples: load spikes on a shared machine only ever add time.
      const samples = { wrong: [] as number[], unknown: [] as number[], noKdf: [] as number[] };
      for (let i = 0; i < 3; i++) {
        const w = await timed(wrong);
        const u = await timed(unknown);
        const n = await timed(noKdf);
        expect([w.answer.status, u.answer.status, n.answer.status]).toEqual([401, 401, 400]);
        expect(u.answer.body).toEqual(w.answer.body);
        expect(w.answer.body.error?.code).toBe('bad_credentials');
        samples.wrong.push(w.ms);
        samples.unknown.push(u.ms);
        samples.noKdf.push(n.ms);
      }
      const [w, u, n] = [samples.wrong, samples.unknown, samples.noKdf].map((list) => Math.min(...list)) as [
        number,
        number,
        number,
      ];
      // The unknown email ran the KDF (much slower than no KDF) and is close to a wrong password.
      expect(u).toBeGreaterThan(3 * n);
      expect(u).toBeGreaterThan(w / 3);
      expect(w).toBeGreaterThan(u / 3);
    } finally {
      await provider.dispose();
    }
  });
});

describe.each(ENGINES)('account service limits and expiry on %s', (engine) => {
  const start = async (options: Partial<ProviderOptions>) =>
    startTestProvider({ database: await databases.newDatabase(engine), ...options });

  it('rate-limits sign-in attempts per email with 429 and Retry-After', async () => {
    const provider = await start({ loginRateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const attempt = (email: string) =>
        api(provider.accountUrl, 'POST', '/v1/sessions', { body: { email, password: 'wrong' } });
      for (let i = 0; i < 3; i++) expect((await attempt(DEMO.email)).status).toBe(401);
      const limited = await attempt(DEMO.email);
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe('rate_limited');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Even the right password waits out the window.
      const right = await api(provider.accountUrl, 'POST', '/v1/sessions', { body: DEMO });
      expect(right.status).toBe(429);
    } finally {
      await provider.dispose();
    }
  });

  it('rate-limits per client address across emails', async () => {
    const provider = await start({ loginRateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (const email of ['a@zone.test', 'b@zone.test', 'c@zone.test']) {
        statuses.push(
          (await api(provider.accountUrl, 'POST', '/v1/sessions', { body: { email, password: 'x' } })).status,
        );
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await provider.dispose();
    }
  });

  it('shares the limit between two services on one database, and a new window starts afresh', async () => {
    const database = await databases.newDatabase(engine);
    const limit = { max: 3, windowMs: 1500 };
    const [a, b] = [
      await startTestProvider({ database, loginRateLimit: limit }),
      await startTestProvider({ database, loginRateLimit: limit }),
    ];
    try {
      const attempt = (base: string) =>
        api(base, 'POST', '/v1/sessions', { body: { email: DEMO.email, password: 'wrong' } });
      const statuses = [];
      for (const base of [a.accountUrl, b.accountUrl, a.accountUrl, b.accountUrl]) {
        statuses.push((await attempt(base)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      expect((await api(b.accountUrl, 'POST', '/v1/sessions', { body: DEMO })).status).toBe(201);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });

  it('expired sessions are refused and removed; no tokens are issued past the session', async () => {
    const provider = await start({ sessionTtlMs: 400 });
    try {
      const token = await login(provider.accountUrl);
      await new Promise((resolve) => setTimeout(resolve, 450));
      const answer = await api(provider.accountUrl, 'GET', '/v1/account', { token });
      expect(answer.status).toBe(401);
      const issue = await api(provider.accountUrl, 'POST', '/v1/tokens', { token, body: { tokenRequests: ['x'] } });
      expect(issue.status).toBe(401);
      const store = await AccountStore.open(provider.database);
      try {
        expect(await store.findSessionByTokenHash(hashToken(token))).toBeUndefined();
      } finally {
        await store.close();
      }
    } finally {
      await provider.dispose();
    }
  });
});
