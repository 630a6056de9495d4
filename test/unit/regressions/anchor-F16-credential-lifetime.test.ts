// F16 (AdGuard: "Chrome hard-caches credentials per host" and clears them with a browsingData hack;
// long-lived proxy credentials outlive rotation and logout): our proxy credentials are short-lived,
// kept only in memory-only session storage, dropped on logout and Disconnect, refreshed before they
// expire, and never handed out again once the session is gone.
import { describe, expect, it, vi } from 'vitest';
import { UserError } from '../../../src/shared/errors';
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

  it('a credential fetch of the previous session, refused after a new login, leaves the new session alone', async () => {
    let logins = 0;
    let hang = false;
    let refuse: () => void = () => undefined;
    const t = setup(undefined, {
      login: async () => ({ token: `tok-${++logins}`, expiresAt: Date.now() + 3_600_000 }),
      proxyCredentials: async (token) => {
        if (hang) {
          hang = false;
          await new Promise<void>((resolve) => (refuse = resolve));
          throw new UserError('sessionExpired', 'revoked');
        }
        // Inside the refresh margin: every challenge fetches, as with the e2e's 20 s credentials.
        return { username: 'u', password: `p-${token}`, expiresAt: Date.now() + 30_000 };
      },
    });
    await t.h.login({ email: 'a@b.test', password: 'x' });
    await t.h.connect({ regionId: 'de-fra' });
    hang = true;
    const old = t.challenge({ requestId: 'before-logout', ...ours }); // fetches with tok-1, in flight
    await vi.waitFor(() => expect(hang).toBe(false));
    await t.h.logout(undefined);
    await t.h.login({ email: 'a@b.test', password: 'x' });
    await t.h.connect({ regionId: 'de-fra' });
    // A new challenge does not join the old token's fetch.
    expect(await t.challenge({ requestId: 'after-login', ...ours })).toMatchObject({ password: 'p-tok-2' });
    refuse();
    expect(await old).toBe('cancel');
    expect(await t.h.getState(undefined)).toMatchObject({ status: 'connected' });
    expect(t.local.session).toMatchObject({ token: 'tok-2' });
    expect(t.session.credentials).toMatchObject({ password: 'p-tok-2' });
  });

  it('credentials about to expire are refreshed before they are used', async () => {
    let fetched = 0;
    const t = setup(undefined, {
      proxyCredentials: async () => ({
        username: 'u',
        password: `p${++fetched}`,
        // The first set expires in 30 s: inside the refresh margin.
        expiresAt: Date.now() + (fetched === 1 ? 30_000 : 3_600_000),
      }),
    });
    await t.h.login({ email: 'a@b.test', password: 'x' });
    await t.h.connect({ regionId: 'de-fra' });
    expect(await t.challenge({ requestId: 'r', ...ours })).toMatchObject({ password: 'p2' });
    expect(fetched).toBe(2);
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
