import { describe, expect, it, vi } from 'vitest';
import { UserError } from '../shared/errors';
import { blockingMode } from './proxy-mode';
import { RELOAD_DELAY_MS } from './updates';
import {
  A_TOKEN,
  ACCOUNT_URL,
  connect,
  connected,
  failsWith,
  issueTokensAfter,
  PASSWORD,
  prefetched,
  setup,
  signIn,
  signInAndConnect,
} from '../../test/support/controller-harness';
import { LOOPBACK_REGIONS as REGIONS } from '../../test/support/regions';

const HOUR = 3_600_000;

describe('background controller', () => {
  it('network prediction is off while connected and handed back on Disconnect and logout (F19)', async () => {
    const t = await connected();
    expect(t.prediction.at(-1)).toBe(true);
    await t.h.disconnect(undefined);
    expect(t.prediction.at(-1)).toBe(false);
    await t.h.connect({ regionId: 'de-fra' });
    expect(t.prediction.at(-1)).toBe(true);
    await t.h.logout(undefined);
    expect(t.prediction.at(-1)).toBe(false);
  });

  it('Connect while logged out asks to log in', async () => {
    const t = setup();
    await expect(t.h.connect({ regionId: 'de-fra' })).rejects.toMatchObject({ code: 'notSignedIn' });
    expect(t.applied).toEqual([]);
  });

  it('a wrong password leaves the user logged out and stores nothing', async () => {
    const t = setup();
    await expect(t.h.login({ email: 'a@b.test', password: 'wrong' })).rejects.toMatchObject({ code: 'badCredentials' });
    expect(t.local.session).toBeUndefined();
  });

  it('logging in stores the token and lists the regions, first region chosen', async () => {
    const t = setup();
    const view = await t.h.login({ email: ' a@b.test ', password: PASSWORD });
    expect(view).toMatchObject({ status: 'disconnected', email: 'a@b.test', regionId: 'de-fra' });
    expect(view.regions.map((r) => r.id)).toEqual(['de-fra', 'jp-tyo']);
    expect(t.local.session).toEqual({
      token: 'token-for-a@b.test',
      email: 'a@b.test',
      origin: ACCOUNT_URL,
    });
  });

  it('after sign-in, tokens for the current and next epoch are fetched in the background, in fixed batches', async () => {
    const t = setup();
    await signIn(t);
    await prefetched(t);
    const wallet = t.session.tokens as { tokens: { epoch: number; regionId: string }[]; fingerprint: string };
    const epochs = [...new Set(wallet.tokens.map((tk) => tk.epoch))];
    expect(epochs).toHaveLength(2);
    expect(epochs[1]).toBe((epochs[0] ?? 0) + 1);
    expect(wallet.tokens.length % 4).toBe(0); // whole batches: the issuer learns nothing from the count
    expect(wallet.tokens.some((tk) => tk.regionId === 'de-fra')).toBe(true);
    expect(wallet.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect((await t.h.getState(undefined)).tokenKey).toBe(wallet.fingerprint);
    expect(t.alarms.get('zone-tokens')).toBeGreaterThan(Date.now()); // next epoch's fetch is scheduled
  });

  it('Connect blocks first, then routes through the region, with no account-service call (tokens held)', async () => {
    const t = setup();
    await signIn(t);
    await prefetched(t);
    t.calls.length = 0;
    const view = await t.h.connect({ regionId: 'jp-tyo' });
    expect(view.status).toBe('connected');
    expect(t.calls).toEqual([]);
    expect(t.applied.map((m) => m.kind)).toEqual(['route', 'route']);
    expect(t.webrtc.at(-1)).toBe(true);
    // Tokens live in memory-only session storage, never in local.
    const held = JSON.stringify(t.session.tokens);
    expect(held).toMatch(/[A-Za-z0-9_-]{472}/);
    expect(JSON.stringify(t.local)).not.toMatch(/[A-Za-z0-9_-]{472}/);
    expect(t.local).toMatchObject({ wantConnected: true, regionId: 'jp-tyo' });
  });

  it('Connect blocks traffic before anything else it does (storage, broadcast, icon): no direct window after the click', async () => {
    const t = setup();
    await signIn(t);
    const order: string[] = [];
    const { proxy, storage, messaging, action } = t.platform;
    const log =
      <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
      (...args: A): R => (order.push(name), fn(...args));
    proxy.apply = log('apply', proxy.apply.bind(proxy));
    storage.setLocal = log('setLocal', storage.setLocal.bind(storage));
    storage.setSession = log('setSession', storage.setSession.bind(storage));
    messaging.broadcast = log('broadcast', messaging.broadcast.bind(messaging));
    action.show = log('show', action.show.bind(action));
    await t.h.connect({ regionId: 'jp-tyo' });
    expect(order[0]).toBe('apply');
    expect(t.applied.at(-2)).toEqual(blockingMode(ACCOUNT_URL));
  });

  it('answers a challenge from our own proxy with the held token for its region, without a network call', async () => {
    const t = await connected();
    t.calls.length = 0;
    const de = await t.challenge({ requestId: '1', isProxy: true, host: '127.0.0.1', port: 18101 });
    expect(de).toEqual(A_TOKEN);
    const de2 = await t.challenge({ requestId: '2', isProxy: true, host: '127.0.0.1', port: 18102 });
    expect(de2).toEqual(de); // one token per region and epoch
    const jp = await t.challenge({ requestId: '3', isProxy: true, host: '127.0.0.1', port: 18105 });
    expect(jp).toEqual(A_TOKEN);
    expect(jp).not.toEqual(de); // another region: another token, unlinkable
    expect(t.calls).toEqual([]);
  });

  it('never gives credentials to another proxy or to a website', async () => {
    const t = await connected();
    await expect(t.challenge({ requestId: '1', isProxy: true, host: '127.0.0.1', port: 3128 })).resolves.toBe('ignore');
    await expect(t.challenge({ requestId: '2', isProxy: false, host: '127.0.0.1', port: 18101 })).resolves.toBe(
      'ignore',
    );
  });

  it('mints a fresh token on a second challenge and cancels the third (no loop, no dialog), telling the user', async () => {
    const t = await connected();
    const c = { requestId: '7', isProxy: true, host: '127.0.0.1', port: 18101 };
    const first = await t.challenge(c);
    expect(first).toEqual(A_TOKEN);
    t.calls.length = 0;
    const second = await t.challenge(c);
    expect(second).toEqual(A_TOKEN);
    expect(second).not.toEqual(first);
    expect(t.calls).toEqual(['directory', 'tokens']); // one fetch for it, none per request
    await expect(t.challenge(c)).resolves.toBe('cancel');
    await expect.poll(async () => (await t.h.getState(undefined)).error?.code).toBe('tokenRefused');
    expect((await t.h.getState(undefined)).status).toBe('reconnecting');
    await t.controller.onPageLoaded('https://bypass-me.test/'); // a page through the proxy: accepted again
    expect((await t.h.getState(undefined)).status).toBe('connected');
  });

  it('concurrent challenges without a held token share one fetch', async () => {
    const t = await connected();
    t.session.tokens = null;
    const restarted = setup({ stored: { local: t.local } });
    await restarted.controller.start();
    restarted.calls.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        restarted.challenge({ requestId: `p${i}`, isProxy: true, host: '127.0.0.1', port: 18101 }),
      ),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(restarted.calls.filter((c) => c === 'tokens').length).toBeLessThanOrEqual(2); // start-up top-up and challenges share
  });

  it('an issuer that fails backs off: many challenges, few fetches, each answered cancel with the reason shown', async () => {
    const t = await connected();
    const failing = setup({
      stored: { local: t.local },
      api: {
        issueTokens: async () => {
          failing.calls.push('tokens');
          throw new UserError('serviceDown', 'The account service failed (HTTP 500).');
        },
      },
    });
    await failing.controller.start();
    const answers = [];
    for (let i = 0; i < 11; i++) {
      answers.push(await failing.challenge({ requestId: `r${i}`, isProxy: true, host: '127.0.0.1', port: 18101 }));
    }
    expect(answers.every((a) => a === 'cancel')).toBe(true);
    expect(failing.calls.filter((c) => c === 'tokens').length).toBeLessThanOrEqual(2);
    await expect.poll(async () => (await failing.h.getState(undefined)).error?.code).toBe('serviceDown');
    expect(failing.applied.at(-1)?.kind).toBe('route'); // still blocked, never direct
  });

  it('answers only Basic: a Digest or NTLM challenge in our server’s name is cancelled and the user told', async () => {
    const t = await connected();
    t.calls.length = 0;
    for (const [i, scheme] of ['digest', 'NTLM', 'negotiate'].entries()) {
      await expect(
        t.challenge({ requestId: `s${i}`, isProxy: true, host: '127.0.0.1', port: 18101, scheme }),
      ).resolves.toBe('cancel');
    }
    expect(t.calls).toEqual([]); // not even fetched for it
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('reconnecting');
    expect((await t.h.getState(undefined)).error?.code).toBe('serversDown');
    await expect(
      t.challenge({ requestId: 'b', isProxy: true, host: '127.0.0.1', port: 18101, scheme: 'Basic' }),
    ).resolves.toEqual(A_TOKEN);
  });

  it('Disconnect clears the proxy and gives WebRTC back; logout discards the tokens', async () => {
    const t = await connected();
    const view = await t.h.disconnect(undefined);
    expect(view.status).toBe('disconnected');
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
    expect(t.webrtc.at(-1)).toBe(false);
    expect(t.session.tokens).not.toBeNull(); // kept for the next Connect
    await t.h.logout(undefined);
    expect(t.session.tokens).toBeNull();
  });

  it('after a browser restart it routes again from storage alone, and fetches tokens for the first challenge', async () => {
    const before = await connected();
    const after = setup({ stored: { local: before.local } }); // session storage is empty after a restart
    await after.controller.start();
    expect(after.applied[0]?.kind).toBe('route'); // routed before any network call
    expect((await after.h.getState(undefined)).status).toBe('connected');
    await expect(after.challenge({ requestId: '1', isProxy: true, host: '127.0.0.1', port: 18102 })).resolves.toEqual(
      A_TOKEN,
    );
    expect(after.calls).toContain('tokens');
  });

  it('auto-connect: at a browser start it connects the chosen region, routed before any network call; a worker wake does not', async () => {
    const before = await connected();
    await before.h.updateSettings({ autoConnect: true });
    await before.h.disconnect(undefined);
    // Off, but the next browser start connects: Chromium's start-up gate stays armed for it, so
    // that start's first requests wait for the proxy instead of going direct.
    expect(before.applied.at(-1)).toEqual({ kind: 'off', holdNextStart: [expect.any(String)] });
    // A worker wake in the same browser session (session storage kept): the user's Disconnect stands.
    const woken = setup({ stored: { local: before.local, session: before.session } });
    expect(await woken.controller.currentProxyMode()).toStrictEqual({
      kind: 'off',
      holdNextStart: [expect.any(String)],
    });
    await woken.controller.start();
    expect((await woken.h.getState(undefined)).status).toBe('disconnected');
    // A browser start (session storage empty): connected, the proxy set before anything else.
    const started = setup({ stored: { local: before.local } });
    // Firefox asks for a restored tab's route before the start has switched the VPN on: the
    // region's route, never direct.
    expect((await started.controller.currentProxyMode()).kind).toBe('route');
    await started.controller.start();
    expect(started.applied[0]?.kind).toBe('route');
    expect(await started.h.getState(undefined)).toMatchObject({ status: 'connected', regionId: 'de-fra' });
    await expect(started.challenge({ requestId: '1', isProxy: true, host: '127.0.0.1', port: 18102 })).resolves.toEqual(
      A_TOKEN,
    );
    // Off (the default): a browser start leaves the VPN off.
    await before.h.updateSettings({ autoConnect: false });
    expect(before.applied.at(-1)).toStrictEqual({ kind: 'off' }); // nothing held at the next start
    const off = setup({ stored: { local: before.local } });
    expect(await off.controller.currentProxyMode()).toStrictEqual({ kind: 'off' });
    await off.controller.start();
    expect((await off.h.getState(undefined)).status).toBe('disconnected');
  });

  it('keyboard shortcuts: toggle the VPN with the chosen region; bypass the active tab’s site and undo it', async () => {
    const t = setup();
    await signIn(t);
    await prefetched(t);
    await t.controller.onCommand('toggle-vpn');
    expect(await t.h.getState(undefined)).toMatchObject({ status: 'connected', regionId: 'de-fra' });
    t.setActiveTab({ id: 3, url: 'https://news.shop.test/a' });
    await t.controller.onCommand('bypass-site');
    expect((await t.h.siteStatus({ url: 'https://shop.test/' })).bypassed).toBe(true);
    expect(t.tabBadges.get(3)).toBe(true);
    await t.controller.onCommand('bypass-site');
    expect((await t.h.siteStatus({ url: 'https://shop.test/' })).bypassed).toBe(false);
    await t.controller.onCommand('toggle-vpn');
    expect((await t.h.getState(undefined)).status).toBe('disconnected');
    await t.controller.onCommand('no-such-command'); // nothing happens
    expect((await t.h.getState(undefined)).status).toBe('disconnected');
  });

  it('a provider without a token issuer: Connect says so and stays off; never a linkable fallback', async () => {
    const { t, view } = await signInAndConnect({
      api: { issuerDirectory: failsWith('noTokenIssuer', 'This provider does not issue anonymous access tokens.') },
    });
    expect(view).toMatchObject({ status: 'error', error: { code: 'noTokenIssuer' } });
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
    expect(t.session.tokens ?? null).toBeNull();
  });

  it('an expired session on Connect logs the user out and says why (nothing was protected yet)', async () => {
    const { t, view } = await signInAndConnect({
      api: { issueTokens: failsWith('sessionExpired', 'Your session has expired. Please log in again.') },
    });
    expect(view).toMatchObject({ status: 'signedOut', error: { code: 'sessionExpired' } });
    expect(t.local.session).toBeNull();
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
  });

  it('a failing account service on Connect shows the error and leaves the proxy off', async () => {
    const { t, view } = await signInAndConnect({
      api: { issueTokens: failsWith('serviceDown', 'The account service cannot be reached.') },
    });
    expect(view).toMatchObject({ status: 'error', error: { code: 'serviceDown' } });
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
  });

  it('refuses to connect while another extension controls the proxy', async () => {
    const t = setup();
    await signIn(t);
    t.setControl('otherExtension');
    await expect(t.h.connect({ regionId: 'de-fra' })).rejects.toMatchObject({ code: 'proxyControlledByOther' });
  });

  it('logout clears the token and the proxy even when the service is unreachable', async () => {
    const t = setup({ api: { logout: failsWith('serviceDown', 'down') } });
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    const view = await t.h.logout(undefined);
    expect(view.status).toBe('signedOut');
    expect(t.local.session).toBeUndefined();
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
  });

  it('a corrupted storage value falls back safely and keeps the rest', async () => {
    const t = setup({
      stored: { local: { session: { token: 'tok', email: 'a@b.test' }, regions: 'garbage', regionId: 7 } },
    });
    const view = await t.h.getState(undefined);
    expect(view).toMatchObject({ status: 'disconnected', email: 'a@b.test', regions: [] });
  });

  it('an unreadable on/off switch fails closed: traffic blocked and the user told, never direct', async () => {
    const t = setup({
      stored: {
        local: { session: { token: 'tok', email: 'a@b.test' }, regions: REGIONS, wantConnected: 'yes' },
      },
    });
    await t.controller.start();
    const mode = t.applied.at(-1)!;
    expect(mode.kind).toBe('route');
    const view = await t.h.getState(undefined);
    expect(view).toMatchObject({ status: 'error', error: { code: 'internal' } });
    await t.h.disconnect(undefined);
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
  });
});

describe('another extension takes over the proxy', () => {
  it('while connected, the state says so instead of Connected', async () => {
    const t = await connected();
    t.setControl('otherExtension');
    const view = await t.h.getState(undefined);
    expect(view).toMatchObject({ status: 'error', error: { code: 'proxyControlledByOther' } });
  });
});

describe('extension updates wait while the VPN is on (T34)', () => {
  it('connected: the update waits; Disconnect applies it', async () => {
    const t = await connected();
    t.controller.onUpdateAvailable();
    await t.h.getState(undefined);
    await new Promise((r) => setTimeout(r, RELOAD_DELAY_MS + 200));
    expect(t.reloads).toEqual([]);
    await t.h.disconnect(undefined);
    await vi.waitFor(() => expect(t.reloads).toHaveLength(1), { timeout: RELOAD_DELAY_MS + 1_000 });
  });

  it('logout applies a waiting update too', async () => {
    const t = await connected();
    t.controller.onUpdateAvailable();
    await t.h.logout(undefined);
    await vi.waitFor(() => expect(t.reloads).toHaveLength(1), { timeout: RELOAD_DELAY_MS + 1_000 });
  });

  it('disconnected: the update is applied at once; settings changes do not reload without an update', async () => {
    const t = setup();
    await signIn(t);
    await t.h.updateSettings({ killSwitch: false });
    await new Promise((r) => setTimeout(r, RELOAD_DELAY_MS + 200));
    expect(t.reloads).toEqual([]);
    t.controller.onUpdateAvailable();
    await vi.waitFor(() => expect(t.reloads).toHaveLength(1), { timeout: RELOAD_DELAY_MS + 1_000 });
  });
});

describe('kill switch setting', () => {
  it('on (default): the proxy table never falls back to direct', async () => {
    const t = await connected();
    const mode = t.applied.at(-1)!;
    expect(mode.kind === 'route' && mode.table.failOpen).toBeFalsy();
  });
  it('off: the table lets requests go direct when the servers are down', async () => {
    const t = await connected();
    await t.h.updateSettings({ killSwitch: false });
    const mode = t.applied.at(-1)!;
    expect(mode.kind === 'route' && mode.table.failOpen).toBe(true);
  });
});

describe('session lifecycle', () => {
  const expiring = () => {
    let expired = false;
    const t = setup({
      api: {
        issueTokens: issueTokensAfter(() => {
          if (expired) throw new UserError('sessionExpired', 'Your session has expired. Please log in again.');
        }),
      },
    });
    return { t, expire: () => void (expired = true) };
  };

  it('a session that expires while connected keeps traffic blocked (kill switch) and says so', async () => {
    const { t, expire } = expiring();
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    expire();
    await t.challenge({ requestId: '9', isProxy: true, host: '127.0.0.1', port: 18101 }); // the held token
    // Refused: the fresh token's fetch meets the expired session.
    await expect(t.challenge({ requestId: '9', isProxy: true, host: '127.0.0.1', port: 18101 })).resolves.toBe(
      'cancel',
    );
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('signedOut');
    const view = await t.h.getState(undefined);
    expect(view).toMatchObject({ status: 'signedOut', error: { code: 'sessionExpired' } });
    expect(view.error?.message).toContain('blocked');
    const mode = t.applied.at(-1)!;
    expect(mode.kind).toBe('route'); // the blocking table, never off
    expect(t.local.session).toBeNull();
  });

  it('with the kill switch off, an expired session removes the proxy', async () => {
    const { t, expire } = expiring();
    await signIn(t);
    await t.h.updateSettings({ killSwitch: false });
    await t.h.connect({ regionId: 'de-fra' });
    expire();
    await t.challenge({ requestId: '9', isProxy: true, host: '127.0.0.1', port: 18101 });
    await t.challenge({ requestId: '9', isProxy: true, host: '127.0.0.1', port: 18101 });
    await expect.poll(() => t.applied.at(-1)).toEqual({ kind: 'off' });
  });

  it('logging in again after an expiry reconnects by itself', async () => {
    const t = setup();
    await signIn(t);
    await t.h.connect({ regionId: 'jp-tyo' });
    t.local.session = null; // as after an expiry with the kill switch on
    const again = setup({ stored: { local: t.local } });
    const view = await signIn(again);
    expect(view).toMatchObject({ status: 'connected', regionId: 'jp-tyo' });
  });

  /** Lets a late answer run to its end, including the operations it queued. */
  async function settled(t: { controller: { start(): Promise<void> } }) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await t.controller.start();
  }

  /**
   * Two logins with different session tokens; the token fetch of the first session can be held, as
   * the slowed account service held it in the re-login e2e (a challenge arrived between the
   * server's revocation and the local logout, and its fetch came back after the new login).
   */
  function relogin() {
    let logins = 0;
    let holdFirst = false;
    let hold: { resolve(): void; reject(e: unknown): void } | null = null;
    const t = setup({
      api: {
        login: async () => ({ token: `token-${++logins}`, expiresAt: Date.now() + HOUR }),
        issueTokens: issueTokensAfter(async (session) => {
          if (session === 'token-1' && holdFirst)
            await new Promise<void>((resolve, reject) => (hold = { resolve, reject }));
        }),
      },
    });
    const ours = (requestId: string) => ({ requestId, isProxy: true, host: '127.0.0.1', port: 18101 });
    return {
      t,
      ours,
      /** Connected in the first session; then a refused challenge's token fetch is held. */
      async oldFetchHeld() {
        await connect(t);
        holdFirst = true;
        await t.challenge(ours('old'));
        const lateOld = t.challenge(ours('old')); // the proxy refused: a fetch with the old session, held
        await expect.poll(() => hold !== null).toBe(true);
        return { lateOld, stale: hold! };
      },
    };
  }

  it('after logout and a new login, a late 401 for the old session neither signs the user out nor fails the new challenges', async () => {
    const { t, ours, oldFetchHeld } = relogin();
    const { lateOld, stale } = await oldFetchHeld();
    await t.h.logout(undefined);
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    // The browser sent its cached token: first the held one, then a fetch.
    await expect(t.challenge(ours('new'))).resolves.toEqual(A_TOKEN);
    const second = t.challenge(ours('new'));
    stale.reject(new UserError('sessionExpired', 'Your session has expired. Please log in again.'));
    await expect(second).resolves.toEqual(A_TOKEN);
    await expect(lateOld).resolves.toBe('cancel');
    await settled(t);
    expect(await t.h.getState(undefined)).toMatchObject({ status: 'connected', error: null });
    expect(t.local.session).toMatchObject({ token: 'token-2' });
  });

  it('tokens fetched for a session that ended meanwhile are not kept nor handed out', async () => {
    const { t, oldFetchHeld } = relogin();
    const { lateOld, stale } = await oldFetchHeld();
    await t.h.logout(undefined);
    stale.resolve();
    await expect(lateOld).resolves.toBe('cancel');
    await settled(t);
    expect(t.session.tokens ?? null).toBeNull();
    expect((await t.h.getState(undefined)).status).toBe('signedOut');
  });

  it('a region refresh sent before logout that comes back 401 after a new login leaves the new session alone', async () => {
    let logins = 0;
    let holdFirst = false;
    let fail: ((e: unknown) => void) | null = null;
    const t = setup({
      api: {
        login: async () => ({ token: `token-${++logins}`, expiresAt: Date.now() + HOUR }),
        regions: async (token) => {
          if (token === 'token-1' && holdFirst) await new Promise<void>((_, reject) => (fail = reject));
          return REGIONS;
        },
      },
    });
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    holdFirst = true;
    t.session.regionsCheckedAt = 0; // an hour has passed: the popup's next look refreshes the list
    await t.h.getState(undefined);
    await expect.poll(() => fail !== null).toBe(true);
    await t.h.logout(undefined);
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    fail!(new UserError('sessionExpired', 'Your session has expired. Please log in again.'));
    await settled(t);
    expect(await t.h.getState(undefined)).toMatchObject({ status: 'connected', error: null });
    expect(t.local.session).toMatchObject({ token: 'token-2' });
  });

  it('a region list refresh keeps the connection; a vanished region blocks and tells the user', async () => {
    let regions = REGIONS;
    const t = setup({ api: { regions: async () => regions } });
    await signIn(t);
    await t.h.connect({ regionId: 'jp-tyo' });
    t.session.regionsCheckedAt = 0; // an hour has passed
    regions = REGIONS.filter((r) => r.id !== 'jp-tyo');
    await t.h.getState(undefined);
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('error');
    const view = await t.h.getState(undefined);
    expect(view.error?.code).toBe('unknownRegion');
    const mode = t.applied.at(-1)!;
    expect(mode.kind === 'route' && mode.table.regions).toEqual([]); // nothing to route through: blocked
  });
});

describe('servers unreachable while connected', () => {
  it('a proxy failure says reconnecting and why; a page through the proxy brings back connected', async () => {
    const t = await connected();
    t.controller.onProxyFailure();
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('reconnecting');
    expect((await t.h.getState(undefined)).error?.code).toBe('serversDown');
    await t.controller.onPageLoaded('https://bypass-me.test/'); // proxied in exclude mode
    expect((await t.h.getState(undefined)).status).toBe('connected');
  });
  it("a proxy's own 502 page or a 407 is no sign that the proxy works again", async () => {
    const t = await connected();
    t.controller.onProxyFailure();
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('reconnecting');
    for (const status of [502, 503, 504, 407]) await t.controller.onPageLoaded('http://bypass-me.test/', status);
    expect((await t.h.getState(undefined)).status).toBe('reconnecting');
    await t.controller.onPageLoaded('http://bypass-me.test/', 404); // the site answered through the proxy
    expect((await t.h.getState(undefined)).status).toBe('connected');
  });
  it('failures at the blocking proxy during a region switch do not turn the new connection into reconnecting', async () => {
    let hold = Promise.resolve();
    const slow = { issueTokens: issueTokensAfter(() => hold) };
    const before = await connected();
    // After a restart no token is held, so the switch waits for one.
    const t = setup({ stored: { local: before.local }, api: slow });
    let release!: () => void;
    hold = new Promise<void>((r) => (release = r));
    await t.controller.start();
    const switching = t.h.connect({ regionId: 'jp-tyo' });
    await expect.poll(() => JSON.stringify(t.applied.at(-1))).toBe(JSON.stringify(blockingMode(ACCOUNT_URL)));
    t.controller.onProxyFailure(); // a page's request failed at it while the token was on its way
    release();
    await switching;
    await t.controller.start(); // runs after the queued observation
    expect((await t.h.getState(undefined)).status).toBe('connected');
    t.controller.onProxyFailure(); // a failure now is news
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('reconnecting');
  });

  it('a failure the browser reports at the blocking proxy after a region switch finished is no news; one at our server is', async () => {
    const t = await connected();
    t.controller.onProxyFailure({ proxy: { host: '127.0.0.1', port: 9 }, at: null }); // Firefox names the proxy
    await t.controller.start(); // runs after the queued observation
    expect((await t.h.getState(undefined)).status).toBe('connected');
    t.controller.onProxyFailure({ proxy: { host: '127.0.0.1', port: 18101 }, at: null }); // de1
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('reconnecting');
  });

  it('a failure that happened before the current route was applied is no news (Chromium names no proxy); a later one is', async () => {
    const t = await connected();
    const appliedBy = Date.now();
    t.controller.onProxyFailure({ proxy: null, at: appliedBy - 1_000 }); // failed at the blocking proxy
    await t.controller.start(); // runs after the queued observation
    expect((await t.h.getState(undefined)).status).toBe('connected');
    t.controller.onProxyFailure({ proxy: null, at: Date.now() + 1 });
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('reconnecting');
  });

  it('a proxy failure while disconnected changes nothing', async () => {
    const t = setup();
    await signIn(t);
    t.controller.onProxyFailure();
    expect((await t.h.getState(undefined)).status).toBe('disconnected');
  });
});

describe('toolbar per tab', () => {
  it('connected, but the active tab’s site is bypassed: the tab says so', async () => {
    const t = await connected();
    t.setActiveTab({ id: 5, url: 'https://news.shop.test/a' });
    await t.h.setSiteBypass({ site: 'shop.test', bypass: true });
    expect(t.tabBadges.get(5)).toBe(true);
    await t.h.setSiteBypass({ site: 'shop.test', bypass: false });
    expect(t.tabBadges.get(5)).toBe(false);
  });
  it('a bypassed site while disconnected is not marked', async () => {
    const t = setup();
    await signIn(t);
    t.setActiveTab({ id: 5, url: 'https://shop.test/' });
    await t.h.setSiteBypass({ site: 'shop.test', bypass: true });
    expect(t.tabBadges.get(5)).toBe(false);
  });
});
