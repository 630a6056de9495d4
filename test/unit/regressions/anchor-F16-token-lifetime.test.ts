// F16 (AdGuard: "Chrome hard-caches credentials per host" and clears them with a browsingData hack;
// long-lived proxy credentials outlive rotation and logout): our proxy credentials are access
// tokens bound to one epoch, kept only in memory-only session storage, dropped on logout, replaced
// by the next epoch's token as epochs pass, and never handed out once the session is gone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connected, HTTPS_PROVIDER, isToken, setup, signIn } from '../../support/controller-harness';

const ours = { isProxy: true, host: 'de1.proxy.test', port: 3128 };
type Wallet = { tokens: { epoch: number; token: string }[] };

describe('anchor F16: access tokens do not survive logout or their epoch', () => {
  it('they live in the session area only, each bound to an epoch', async () => {
    const t = await connected(HTTPS_PROVIDER);
    const wallet = t.session.tokens as Wallet;
    expect(wallet.tokens.length).toBeGreaterThan(0);
    for (const token of wallet.tokens) expect(JSON.stringify(t.local)).not.toContain(token.token.slice(0, 40));
  });

  it('logout drops them, and a challenge from our own server afterwards gets a cancel, no token', async () => {
    const t = await connected(HTTPS_PROVIDER);
    await t.h.logout(undefined);
    expect(t.session.tokens ?? null).toBeNull();
    expect(await t.challenge({ requestId: 'after-logout', ...ours })).toBe('cancel');
  });

  it('a new login gets new tokens, never the old ones', async () => {
    const t = await connected(HTTPS_PROVIDER);
    const old = await t.challenge({ requestId: 'old', ...ours });
    await t.h.logout(undefined);
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    const fresh = await t.challenge({ requestId: 'new', ...ours });
    expect(isToken(fresh)).toBe(true);
    expect(fresh).not.toEqual(old);
  });

  describe('epochs', () => {
    const T0 = Date.UTC(2030, 0, 1); // an epoch boundary (hours since 1970)
    const HOUR = 3_600_000;
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0 + 10 * 60_000);
    });
    afterEach(() => void vi.useRealTimers());

    it('the same token serves every request of an epoch; the next epoch gets the token fetched ahead, without a fetch', async () => {
      const t = await connected(HTTPS_PROVIDER);
      await vi.waitFor(() => expect((t.session.tokens as Wallet).tokens.some((tk) => tk.epoch > T0 / HOUR)).toBe(true));
      const first = await t.challenge({ requestId: 'a', ...ours });
      expect(await t.challenge({ requestId: 'b', ...ours })).toEqual(first);
      t.calls.length = 0;
      vi.setSystemTime(T0 + HOUR + 10_000); // the next epoch (past the 5 s lag)
      const next = await t.challenge({ requestId: 'c', ...ours });
      expect(isToken(next)).toBe(true);
      expect(next).not.toEqual(first);
      expect(t.calls.filter((c) => c === 'tokens')).toEqual([]); // it was held already
    });

    it('a token is not used past its epoch: two epochs later a fresh one is fetched', async () => {
      const t = await connected(HTTPS_PROVIDER);
      const first = await t.challenge({ requestId: 'a', ...ours });
      vi.setSystemTime(T0 + 2 * HOUR + 10_000);
      t.calls.length = 0;
      const later = await t.challenge({ requestId: 'b', ...ours });
      expect(isToken(later)).toBe(true);
      expect(later).not.toEqual(first);
      expect(t.calls).toContain('tokens');
    });

    it('a restarted worker still has its tokens (memory-only session storage); the local area holds no time', async () => {
      const before = await connected(HTTPS_PROVIDER);
      const localBefore = structuredClone(before.local);
      const first = await before.challenge({ requestId: 'a', ...ours });
      const after = setup({ ...HTTPS_PROVIDER, stored: { local: before.local, session: before.session } });
      await after.controller.start();
      after.calls.length = 0;
      expect(await after.challenge({ requestId: 'b', ...ours })).toEqual(first);
      expect(after.calls.filter((c) => c === 'tokens')).toEqual([]);
      const YEAR = 365 * 24 * HOUR;
      const numbers = (JSON.stringify(localBefore).match(/\d+/g) ?? []).map(Number);
      expect(numbers.filter((n) => Math.abs(n - T0) < YEAR)).toEqual([]);
    });
  });
});
