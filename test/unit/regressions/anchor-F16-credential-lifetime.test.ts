// F16 (AdGuard: "Chrome hard-caches credentials per host" and clears them with a browsingData hack;
// long-lived proxy credentials outlive rotation and logout): our proxy credentials are short-lived,
// kept only in memory-only session storage, dropped on logout and Disconnect, refreshed before they
// expire, and never handed out again once the session is gone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connected, setup } from './harness';

const ours = { isProxy: true, host: 'de1.proxy.test', port: 3128 };

describe('anchor F16: proxy credentials do not survive logout or expiry', () => {
  it('they live in the session area only, with an expiry', async () => {
    const t = await connected();
    expect(t.session.credentials).toMatchObject({ username: 'proxy-user', expiresAt: expect.any(Number) });
    expect(JSON.stringify(t.local)).not.toContain('proxy-secret');
  });

  it('logout drops them, and a challenge from our own server afterwards gets a cancel, no credentials', async () => {
    const t = await connected();
    await t.h.logout(undefined);
    expect(t.session.credentials ?? null).toBeNull();
    expect(await t.challenge({ requestId: 'after-logout', ...ours })).toBe('cancel');
  });

  it('Disconnect drops them too, and those fetched for a request still in flight are not kept', async () => {
    const t = await connected();
    await t.h.disconnect(undefined);
    expect(t.session.credentials ?? null).toBeNull();
    expect(await t.challenge({ requestId: 'in-flight', ...ours })).toMatchObject({ username: 'proxy-user' });
    expect(t.session.credentials ?? null).toBeNull();
  });

  it('a new login gets new credentials, never the old ones', async () => {
    const t = await connected();
    const old = (t.session.credentials as { password: string }).password;
    await t.h.logout(undefined);
    await t.h.login({ email: 'a@b.test', password: 'x' });
    await t.h.connect({ regionId: 'de-fra' });
    expect(await t.challenge({ requestId: 'new', ...ours })).not.toMatchObject({ password: old });
  });

  describe('renewal before expiry: a quarter of the lifetime, at most 60 s', () => {
    const T0 = Date.UTC(2030, 0, 1);
    const MINUTE = 60_000;
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
    });
    afterEach(() => void vi.useRealTimers());

    /** Connected with credentials that live `lifetimeMs` from now; each fetch issues a new password. */
    async function connectedFor(lifetimeMs: number) {
      let fetched = 0;
      const t = await connected({
        proxyCredentials: async () => ({
          username: 'u',
          password: `p${++fetched}`,
          expiresAt: Date.now() + lifetimeMs,
        }),
      });
      return { t, fetches: () => fetched };
    }

    it('15-minute credentials are used as they are 61 s before expiry, and renewed 59 s before', async () => {
      const { t, fetches } = await connectedFor(15 * MINUTE);
      vi.setSystemTime(T0 + 15 * MINUTE - 61_000);
      expect(await t.challenge({ requestId: 'early', ...ours })).toMatchObject({ password: 'p1' });
      vi.setSystemTime(T0 + 15 * MINUTE - 59_000);
      expect(await t.challenge({ requestId: 'late', ...ours })).toMatchObject({ password: 'p2' });
      expect(fetches()).toBe(2);
    });

    it('20-second credentials are used again for new requests halfway through their life, not fetched each time', async () => {
      const { t, fetches } = await connectedFor(20_000);
      vi.setSystemTime(T0 + 10_000);
      for (const requestId of ['a', 'b', 'c']) {
        expect(await t.challenge({ requestId, ...ours })).toMatchObject({ password: 'p1' });
      }
      expect(fetches()).toBe(1);
    });

    it('20-second credentials are renewed within the last quarter of their life', async () => {
      const { t, fetches } = await connectedFor(20_000);
      vi.setSystemTime(T0 + 16_000);
      expect(await t.challenge({ requestId: 'a', ...ours })).toMatchObject({ password: 'p2' });
      expect(fetches()).toBe(2);
    });

    it('credentials held without a lifetime (kept by an older version) are renewed within 60 s of expiry', async () => {
      const before = await connectedFor(15 * MINUTE);
      const after = setup({
        local: before.t.local,
        session: { credentials: { username: 'u', password: 'old', expiresAt: T0 + 30_000 } },
      });
      await after.controller.start();
      expect(await after.challenge({ requestId: 'a', ...ours })).toMatchObject({ username: 'proxy-user' });
    });

    it('a restarted worker still knows their lifetime (memory-only session storage); the local area holds no time', async () => {
      const before = await connectedFor(20_000);
      const localBefore = structuredClone(before.t.local);
      let fetched = 0;
      const after = setup(
        { local: before.t.local, session: before.t.session },
        {
          proxyCredentials: async () => ({ username: 'u', password: `q${++fetched}`, expiresAt: Date.now() + 20_000 }),
        },
      );
      await after.controller.start();
      vi.setSystemTime(T0 + 10_000);
      expect(await after.challenge({ requestId: 'a', ...ours })).toMatchObject({ password: 'p1' });
      expect(fetched).toBe(0);
      const YEAR = 365 * 24 * 3_600_000;
      const numbers = (JSON.stringify(localBefore).match(/\d+/g) ?? []).map(Number);
      expect(numbers.filter((n) => Math.abs(n - T0) < YEAR)).toEqual([]);
    });
  });

  it('positive control: fresh credentials are used as they are, without a fetch', async () => {
    let fetched = 0;
    const t = setup(undefined, {
      proxyCredentials: async () => ({ username: 'u', password: `p${++fetched}`, expiresAt: Date.now() + 3_600_000 }),
    });
    await t.h.login({ email: 'a@b.test', password: 'x' });
    await t.h.connect({ regionId: 'de-fra' });
    expect(await t.challenge({ requestId: 'r', ...ours })).toMatchObject({ password: 'p1' });
    expect(fetched).toBe(1);
  });
});
