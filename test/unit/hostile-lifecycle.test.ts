/**
 * The hostile catalogue, part 2 (issue #8): proxy and lifecycle faults through the real controller
 * on the in-memory platform and the real account-service client. A browser API that throws or
 * lies, storage that fails or holds garbage, a worker stopped in the middle of an operation,
 * challenges that are not ours, traffic errors at odd moments, UI messages of the wrong shape.
 * Each case ends in a typed error where one is due and a state the user expects: unchanged, or
 * fail closed (the proxy never becomes direct while the user wants to be connected), with no
 * unhandled rejection. Browser-adapter faults (auth callback bound, sender check, traffic error
 * names) are in hostile-adapters.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ProxyMode } from '../../src/core/routing';
import type { ErrorCode } from '../../src/shared/errors';
import { A_TOKEN } from '../support/controller-harness';
import { JP_TYO } from '../support/regions';
import {
  accountService,
  failOnUnhandledRejections,
  GOOD_REGION,
  GOOD_SERVER,
  OURS as ours,
  regionsBody,
  setupController,
  SIGNED_IN,
  workingProvider,
  type Reply,
} from './hostile-harness';

/** Japan, served by the same loopback server as GOOD_REGION. */
const OTHER_REGION = { ...JP_TYO, servers: GOOD_REGION.servers };
/** A provider that works: every case breaks one thing on top of it. */
const working = workingProvider([GOOD_REGION, OTHER_REGION]);
const service = accountService(working);
failOnUnhandledRejections();

type Stored = NonNullable<Parameters<typeof setupController>[1]>;
// Both regions cached and the list fresh: no background refresh races a case unless it asks for one.
const FRESH = { regionsCheckedAt: Date.now() };
const SIGNED_IN_BOTH: Stored = { local: { ...SIGNED_IN.local, regions: [GOOD_REGION, OTHER_REGION] }, session: FRESH };
const setup = (stored: Stored = SIGNED_IN_BOTH) => setupController(service, stored);
const CONNECTED: Stored = { local: { ...SIGNED_IN_BOTH.local, wantConnected: true }, session: FRESH };

/** Proxies (or blocks): anything but off and anything but a table that sends our region direct. */
function failsClosed(mode: ProxyMode | undefined) {
  expect(mode?.kind).toBe('route');
  if (mode?.kind === 'route') expect(JSON.stringify(mode.table)).not.toMatch(/"failOpen":true/);
}

async function connectedNow() {
  const t = setup();
  await t.h.connect({ regionId: 'de-fra' });
  expect((await t.h.getState(undefined)).status).toBe('connected');
  return t;
}

/** A worker stop and wake: a new controller over what the old one left in storage. */
function restart(t: ReturnType<typeof setup>) {
  return setupController(service, { local: t.local, session: t.session });
}

describe('the proxy setting refuses or throws', () => {
  it('apply rejects while Connect blocks: a typed error, the user not switched on', async () => {
    const t = setup();
    t.platform.proxy.apply = async () => Promise.reject(new Error('proxy.settings.set failed'));
    const answer = await t.controller.onMessage({ name: 'connect', input: { regionId: 'de-fra' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(t.local.wantConnected).toBeUndefined();
  });

  it('apply throws synchronously: the same typed answer, not a crash of onMessage', async () => {
    const t = setup();
    t.platform.proxy.apply = () => {
      throw new Error('sync throw');
    };
    const answer = await t.controller.onMessage({ name: 'connect', input: { regionId: 'de-fra' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('apply fails once credentials arrived: the blocking mode stays, never off', async () => {
    const t = setup();
    const real = t.platform.proxy.apply;
    t.platform.proxy.apply = async (mode) => {
      if (t.applied.length >= 1) throw new Error('second apply failed');
      return real(mode);
    };
    await expect(t.h.connect({ regionId: 'de-fra' })).rejects.toThrow('second apply failed');
    failsClosed(t.applied.at(-1));
    expect(t.applied.some((m) => m.kind === 'off')).toBe(false);
  });

  it('apply fails on Disconnect: the error is reported and the proxy was not turned off behind the UI', async () => {
    const t = await connectedNow();
    const before = t.applied.length;
    t.platform.proxy.apply = async () => Promise.reject(new Error('clear failed'));
    expect(await t.controller.onMessage({ name: 'disconnect' })).toMatchObject({ ok: false });
    expect(t.applied.length).toBe(before);
    failsClosed(t.applied.at(-1));
  });

  it('apply fails when a bypass entry is added while connected: typed error, the last table still routes', async () => {
    const t = await connectedNow();
    t.platform.proxy.apply = async () => Promise.reject(new Error('set failed'));
    expect(await t.controller.onMessage({ name: 'addBypass', input: { pattern: 'bank.test' } })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    failsClosed(t.applied.at(-1));
  });

  it('apply fails at wake: start() rejects (a handled rejection), the persisted setting is left alone', async () => {
    const t = setup(CONNECTED);
    t.platform.proxy.apply = async () => Promise.reject(new Error('set failed at wake'));
    await expect(t.controller.start()).rejects.toThrow('set failed at wake');
    failsClosed(await t.controller.currentProxyMode());
  });

  it('WebRTC policy refused: Connect still completes, routed', async () => {
    const t = setup();
    t.platform.privacy.protectWebRtc = async () => Promise.reject(new Error('privacy API missing'));
    expect(await t.h.connect({ regionId: 'de-fra' })).toMatchObject({ status: 'connected' });
    failsClosed(t.applied.at(-1));
  });

  it.each([
    ['otherExtension', 'proxyControlledByOther'],
    ['notAllowed', 'internal'],
  ] as const)('levelOfControl %s on Connect: %s, and no route applied', async (control, code) => {
    const t = setup();
    t.setControl(control);
    // A policy-locked setting (notAllowed) throws when set, as Chromium does.
    if (control === 'notAllowed') t.platform.proxy.apply = async () => Promise.reject(new Error('not controllable'));
    expect(await t.controller.onMessage({ name: 'connect', input: { regionId: 'de-fra' } })).toMatchObject({
      ok: false,
      error: { code },
    });
    expect(t.applied).toEqual([]);
  });

  it('another extension takes the proxy while connected: the view says error, our table stays', async () => {
    const t = await connectedNow();
    t.setControl('otherExtension');
    t.controller.onProxyControlChange();
    expect(await t.h.getState(undefined)).toMatchObject({ status: 'error', error: { code: 'proxyControlledByOther' } });
    failsClosed(t.applied.at(-1));
  });
});

describe('storage that fails or holds garbage', () => {
  it.each([
    ['local get rejects', 'getLocal'],
    ['session get rejects', 'getSession'],
  ] as const)('%s: every request answers a typed error, the proxy answer blocks', async (_name, method) => {
    const { controller } = setupController(service, CONNECTED, (platform) => {
      platform.storage[method] = async () => Promise.reject(new Error('storage is gone'));
    });
    await expect(controller.start()).rejects.toThrow('storage is gone');
    expect(await controller.onMessage({ name: 'getState' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    // Firefox's onRequest answers the block answer when this rejects (anchor F7).
    await expect(controller.currentProxyMode()).rejects.toThrow();
    expect(await controller.answerProxyChallenge({ requestId: 'r', ...ours }).catch(() => 'cancel')).not.toMatchObject({
      username: expect.anything(),
    });
  });

  const GARBAGE: [string, Record<string, unknown>][] = [
    ['wantConnected "{"', { wantConnected: '{' }],
    ['wantConnected null', { wantConnected: null }],
    ['wantConnected 1', { wantConnected: 1 }],
    ['session "{"', { session: '{' }],
    ['session with a numeric token', { session: { token: 5, email: 'a@b.test' } }],
    ['regions "{"', { regions: '{' }],
    ['regions holding a hostile server', { regions: [{ ...GOOD_REGION, servers: [{ ...GOOD_SERVER, host: 'a"b' }] }] }],
    ['regionId 42', { regionId: 42 }],
    ['bypass "{"', { bypass: '{' }],
    ['a stored bypass entry with PAC code', { bypass: [{ pattern: '"};return "DIRECT";//' }] }],
    ['settings killSwitch "no"', { settings: { killSwitch: 'no' } }],
    ['settings an array', { settings: [1, 2] }],
    ['a 1 MB email', { session: { token: 't'.repeat(43), email: 'e'.repeat(1_000_000) } }],
    ['an account service URL that is not a URL', { settings: { accountServiceUrl: 'not a url' } }],
  ];
  it.each(GARBAGE)('local %s while connected: never off, never direct for our region', async (_name, patch) => {
    const t = setupController(service, { ...CONNECTED, local: { ...CONNECTED.local, ...patch } });
    const mode = await t.controller.currentProxyMode().catch(() => undefined);
    // A rejection here means Firefox answers the block answer and Chromium keeps its stored PAC.
    if (mode !== undefined) failsClosed(mode);
    await t.controller.start().catch(() => undefined);
    expect(t.applied.some((m) => m.kind === 'off')).toBe(false);
  });

  it.each([
    ['tokens "{"', { tokens: '{' }],
    ['tokens of the wrong types', { tokens: { issuer: 1, fingerprint: null, tokens: 'x' } }],
    [
      'tokens under 50 issuer keys',
      {
        tokens: {
          issuer: {
            name: 'zone-vpn',
            epochSeconds: 3600,
            clockOffsetMs: 0,
            keys: Array.from({ length: 50 }, () => ({ key: 'k', notBefore: 0 })),
          },
          fingerprint: '',
          tokens: [],
        },
      },
    ],
    ['live of an unknown status', { live: { status: 'hacked', error: null } }],
  ])('session %s: ignored; a challenge fetches fresh tokens', async (_name, session) => {
    const t = setupController(service, { ...CONNECTED, session: { ...FRESH, ...session } });
    expect(await t.controller.answerProxyChallenge({ requestId: 'r', ...ours })).toMatchObject(A_TOKEN);
    failsClosed(await t.controller.currentProxyMode());
  });

  it('setLocal fails on Disconnect: typed error, nothing half-written, the proxy still routes', async () => {
    const t = await connectedNow();
    t.platform.storage.setLocal = async () => Promise.reject(new Error('quota'));
    expect(await t.controller.onMessage({ name: 'disconnect' })).toMatchObject({ ok: false });
    expect(t.local.wantConnected).toBe(true);
    expect((await t.h.getState(undefined)).status).toBe('connected');
    failsClosed(t.applied.at(-1));
  });

  it('setLocal fails in the middle of Connect: an error shown, never a direct route while switched on', async () => {
    const t = setup();
    let writes = 0;
    const real = t.platform.storage.setLocal;
    t.platform.storage.setLocal = async (items) => {
      if (++writes === 2) throw new Error('quota on the second write');
      return real(items);
    };
    const view = await t.h.connect({ regionId: 'de-fra' });
    expect(view).toMatchObject({ status: 'error', error: { code: 'internal' } });
    expect(t.local.wantConnected).toBe(false);
  });

  it('setLocal fails on logout: typed error, still signed in and still routed (unchanged)', async () => {
    const t = await connectedNow();
    t.platform.storage.setLocal = async () => Promise.reject(new Error('quota'));
    expect(await t.controller.onMessage({ name: 'logout' })).toMatchObject({ ok: false });
    expect(t.local.session).toBeTruthy();
    failsClosed(t.applied.at(-1));
  });
});

describe('a worker stopped in the middle of an operation', () => {
  const stall = (path: string, body: string): Reply => (path === '/v1/tokens' ? { hang: true } : working(path, body));

  it('during Connect: the new worker finishes the Connect instead of showing "connecting" over no proxy', async () => {
    service.replyFor = stall;
    const t = setup();
    void t.h.connect({ regionId: 'de-fra' }).catch(() => undefined);
    await vi.waitFor(() => expect(t.applied).toHaveLength(1));
    service.replyFor = working;
    const t2 = restart(t);
    await t2.controller.start();
    expect(t2.applied.some((m) => m.kind === 'off')).toBe(false);
    expect(await t2.h.getState(undefined)).toMatchObject({ status: 'connected' });
    expect(t2.local.wantConnected).toBe(true);
  });

  it('during Connect, and the service now fails: the new worker says so (error), not "connecting"', async () => {
    service.replyFor = stall;
    const t = setup();
    void t.h.connect({ regionId: 'de-fra' }).catch(() => undefined);
    await vi.waitFor(() => expect(t.applied).toHaveLength(1));
    service.replyFor = (path, body) => (path === '/v1/tokens' ? { status: 500 } : working(path, body));
    const t2 = restart(t);
    await t2.controller.start();
    // It answered 500: the service is unavailable (its side), not unreachable.
    expect(await t2.h.getState(undefined)).toMatchObject({ status: 'error', error: { code: 'serviceUnavailable' } });
    expect(t2.local.wantConnected).toBe(false);
  });

  it('during a region switch: the new worker routes (old region or new one), never off', async () => {
    const t = await connectedNow();
    service.replyFor = stall;
    void t.h.connect({ regionId: 'jp-tyo' }).catch(() => undefined);
    await vi.waitFor(() => expect(t.local.regionId).toBe('jp-tyo'));
    service.replyFor = working;
    const t2 = restart(t);
    await t2.controller.start();
    failsClosed(t2.applied.at(-1));
    expect(t2.applied.some((m) => m.kind === 'off')).toBe(false);
  });

  it('during logout (revocation stalls): the new worker is still signed in and routed; logout can be repeated', async () => {
    const t = await connectedNow();
    service.replyFor = (path, body) => (path === '/v1/sessions/current' ? { hang: true } : working(path, body));
    void t.h.logout(undefined).catch(() => undefined);
    await vi.waitFor(() => expect(service.paths).toContain('/v1/sessions/current'));
    service.replyFor = working;
    const t2 = restart(t);
    await t2.controller.start();
    failsClosed(t2.applied.at(-1));
    expect(await t2.h.logout(undefined)).toMatchObject({ status: 'signedOut' });
    expect(t2.applied.at(-1)).toEqual({ kind: 'off' });
  });
});

describe('proxy challenges that are not ours, or that cannot be answered', () => {
  it.each([
    ['an unknown host and port', { ...ours, host: 'rogue.test', port: 3128 }],
    ['our host on another port', { ...ours, port: GOOD_SERVER.port + 1 }],
    ['not a proxy challenge (a website 401)', { ...ours, isProxy: false }],
    ['a server of a region the user did not choose, from another host', { ...ours, host: '127.0.0.3' }],
  ])('%s: ignored, nothing fetched', async (_name, challenge) => {
    const t = await connectedNow();
    service.paths = [];
    expect(await t.controller.answerProxyChallenge({ requestId: 'x', ...challenge })).toBe('ignore');
    expect(service.paths).toEqual([]);
  });

  it('a third challenge for the same request: cancel', async () => {
    const t = await connectedNow();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await t.controller.answerProxyChallenge({ requestId: 'r', ...ours }));
    expect(answers[2]).toBe('cancel');
  });

  it.each([
    ['malformed JSON', { body: '{"username":' }, true],
    ['HTTP 500', { status: 500 }, true],
    ['a hang (times out)', { hang: true }, true],
    ['HTTP 401 (session expired)', { status: 401 }, false],
  ] as const)(
    'the token endpoint answers %s during a challenge: cancel, and the proxy keeps blocking',
    async (_name, reply, stillSignedIn) => {
      // After a wake there are no tokens in memory: the first challenge must fetch them.
      const t = setupController(service, CONNECTED);
      service.replyFor = (path, body) => (path === '/v1/tokens' ? reply : working(path, body));
      expect(await t.controller.answerProxyChallenge({ requestId: 'r', ...ours })).toBe('cancel');
      await vi.waitFor(() => expect(Boolean(t.local.session)).toBe(stillSignedIn));
      expect(t.local.wantConnected).toBe(true); // kill switch: the user is still switched on
      failsClosed(await t.controller.currentProxyMode());
    },
  );
});

describe('traffic errors and list changes at odd moments', () => {
  it('a proxy failure while connected: reconnecting with a reason, the table unchanged', async () => {
    const t = await connectedNow();
    const applied = t.applied.length;
    t.controller.onProxyFailure();
    await vi.waitFor(async () =>
      expect(await t.h.getState(undefined)).toMatchObject({ status: 'reconnecting', error: { code: 'serversDown' } }),
    );
    expect(t.applied.length).toBe(applied);
  });

  it.each([
    ['disconnected', SIGNED_IN_BOTH, 'disconnected'],
    ['signed out', { session: FRESH }, 'signedOut'],
  ] as const)('a proxy failure while %s changes nothing', async (_name, stored, status) => {
    const t = setup(stored);
    t.controller.onProxyFailure();
    await t.controller.onPageLoaded('not a url');
    expect(await t.h.getState(undefined)).toMatchObject({ status });
    expect(t.applied).toEqual([]);
    expect(t.session.live).toBeUndefined();
  });

  it('a tunnel failure in the middle of Connect does not turn "connecting" into something else', async () => {
    service.replyFor = (path, body) => (path === '/v1/tokens' ? { hang: true } : working(path, body));
    const t = setup();
    const pending = t.h.connect({ regionId: 'de-fra' }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(t.applied).toHaveLength(1));
    t.controller.onProxyFailure();
    await pending; // times out (600 ms): an error, the proxy off as the user never got connected
    expect(t.local.wantConnected).toBe(false);
  });

  async function refreshWith(t: ReturnType<typeof setup>, reply: Reply) {
    service.replyFor = (path, body) => (path === '/v1/regions' ? reply : working(path, body));
    delete t.session.regionsCheckedAt; // the list is due for a refresh
    service.paths = [];
    await t.h.getState(undefined); // starts the background refresh
    await vi.waitFor(() => expect(service.paths).toContain('/v1/regions'));
    await vi.waitFor(async () => expect((await t.platform.storage.getSession()).regionsCheckedAt).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the refresh finish its serial step
  }

  it.each([
    ['without our region', { body: regionsBody([OTHER_REGION]) }],
    ['empty', { body: regionsBody([]) }],
  ])('the refreshed list arrives %s while connected: blocked and told, still switched on', async (_name, reply) => {
    const t = await connectedNow();
    await refreshWith(t, reply);
    await vi.waitFor(async () =>
      expect(await t.h.getState(undefined)).toMatchObject({ status: 'error', error: { code: 'unknownRegion' } }),
    );
    expect(t.local.wantConnected).toBe(true);
    const mode = t.applied.at(-1)!;
    failsClosed(mode);
    // Our region has no servers left in the table, so its traffic blocks.
    expect(JSON.stringify(mode)).not.toContain(`"port":${GOOD_SERVER.port}`);
  });

  it.each([
    ['malformed', { body: '{"regions":' }],
    ['HTTP 500', { status: 500 }],
  ])('the refreshed list is %s while connected: the cached list and the route stay', async (_name, reply) => {
    const t = await connectedNow();
    const regions = JSON.stringify(t.local.regions);
    const applied = t.applied.length;
    await refreshWith(t, reply);
    expect(JSON.stringify(t.local.regions)).toBe(regions);
    expect(t.applied.length).toBe(applied);
    expect((await t.h.getState(undefined)).status).toBe('connected');
  });
});

describe('UI messages of the wrong shape (threats T50; the sender check is in hostile-adapters)', () => {
  const MESSAGES: [string, unknown, ErrorCode][] = [
    ['null', null, 'invalidInput'],
    ['a string', 'getState', 'invalidInput'],
    ['no name', { input: {} }, 'invalidInput'],
    ['a numeric name', { name: 7 }, 'invalidInput'],
    ['an unknown name', { name: 'exportEverything' }, 'invalidInput'],
    ['an inherited name: constructor', { name: 'constructor' }, 'invalidInput'],
    ['an inherited name: toString', { name: 'toString' }, 'invalidInput'],
    ['an inherited name: __proto__', { name: '__proto__' }, 'invalidInput'],
    ['connect without input', { name: 'connect', input: null }, 'internal'],
    ['connect to a numeric region', { name: 'connect', input: { regionId: 5 } }, 'unknownRegion'],
    ['login with a numeric email', { name: 'login', input: { email: 5, password: 'x' } }, 'internal'],
    ['addBypass without input', { name: 'addBypass', input: null }, 'invalidInput'],
    ['setSiteBypass with a numeric site', { name: 'setSiteBypass', input: { site: 5, bypass: true } }, 'invalidInput'],
    ['updateSettings with a text kill switch', { name: 'updateSettings', input: { killSwitch: 'no' } }, 'invalidInput'],
    [
      'updateSettings with a javascript: account URL',
      { name: 'updateSettings', input: { accountServiceUrl: 'javascript:alert(1)' } },
      'invalidInput',
    ],
    ['importBypass of a string', { name: 'importBypass', input: 'bank.test' }, 'invalidInput'],
  ];
  it.each(MESSAGES)('%s: a typed error as data, storage and proxy unchanged', async (_name, message, code) => {
    const t = setup(CONNECTED);
    const before = JSON.stringify(t.local);
    expect(await t.controller.onMessage(message)).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(t.local)).toBe(before);
    expect(t.applied).toEqual([]);
  });
});
