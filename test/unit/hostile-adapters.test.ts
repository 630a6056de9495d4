/**
 * The hostile catalogue, part 3: faults at the browser adapters, with a fake `chrome` /
 * `webextension-polyfill` (the only mocks). A credential lookup that never ends must still get the
 * browser's auth callback answered (threats T27; Chromium hangs the request otherwise), messages
 * from anything but our own pages are dropped unread (T50), and only proxy failures count as such.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Platform } from '../../src/background/platform';
import { setup } from '../support/controller-harness';
import { failOnUnhandledRejections } from './hostile-harness';

const mock = await vi.hoisted(async () =>
  (await import('../support/polyfill-mock')).polyfillMock((event) => ({
    runtime: {
      id: 'zone-vpn-id',
      getURL: (path: string) => `chrome-extension://zone-vpn-id/${path}`,
      onMessage: event('onMessage'),
      sendMessage: async () => undefined,
    },
    webRequest: {
      onAuthRequired: event('ffAuth'),
      onErrorOccurred: event('onError'),
      onCompleted: event('onCompleted'),
    },
  })),
);
vi.mock('webextension-polyfill', () => ({ default: mock.browser }));
const EXT_ID = 'zone-vpn-id';

failOnUnhandledRejections();
/** The adapters' answer deadline (auth-chromium.ts, auth-firefox.ts). T27 asks for at most 10 s. */
const BOUND_MS = 10_000;
const CHALLENGE = { requestId: 'r1', isProxy: true, challenger: { host: '127.0.0.1', port: 18101 } };

/** A controller whose stored state never arrives: every challenge waits forever for it. */
function stalledController() {
  const stall = (platform: Platform) => void (platform.storage.getLocal = () => new Promise(() => undefined));
  // The adapter under test hands the challenges over, not the fake platform.
  return setup({ breakPlatform: stall, challenges: false }).controller;
}

beforeEach(() => {
  (globalThis as Record<string, unknown>).chrome = { webRequest: { onAuthRequired: mock.event('crAuth') } };
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as Record<string, unknown>).chrome;
});

describe('a credential lookup that stalls: the browser still gets an answer in bounded time', () => {
  it('Chromium: the asyncBlocking callback is called once, with cancel, by the deadline', async () => {
    vi.useFakeTimers();
    const { chromiumAuth } = await import('../../src/platform/auth-chromium');
    const controller = stalledController();
    chromiumAuth.onChallenge((c) => controller.answerProxyChallenge(c));
    const callback = vi.fn();
    (mock.last('crAuth') as (d: unknown, cb: unknown) => void)(CHALLENGE, callback);
    await vi.advanceTimersByTimeAsync(BOUND_MS - 1);
    expect(callback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: true });
  });

  it('Chromium: a handler that throws still gets the callback, with cancel, at once', async () => {
    const { chromiumAuth } = await import('../../src/platform/auth-chromium');
    chromiumAuth.onChallenge(async () => {
      throw new Error('controller broke');
    });
    const callback = vi.fn();
    (mock.last('crAuth') as (d: unknown, cb: unknown) => void)(CHALLENGE, callback);
    await vi.waitFor(() => expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: true }));
  });

  it('Firefox: the blocking listener resolves to cancel by the deadline', async () => {
    vi.useFakeTimers();
    const { firefoxAuth } = await import('../../src/platform/auth-firefox');
    const controller = stalledController();
    firefoxAuth.onChallenge((c) => controller.answerProxyChallenge(c));
    let answer: unknown = 'pending';
    void (mock.last('ffAuth') as (d: unknown) => Promise<unknown>)(CHALLENGE).then((a) => (answer = a));
    await vi.advanceTimersByTimeAsync(BOUND_MS - 1);
    expect(answer).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toEqual({ cancel: true });
  });

  it('Firefox: a challenge without a challenger is not answered with credentials', async () => {
    const { firefoxAuth } = await import('../../src/platform/auth-firefox');
    const handler = vi.fn(async () => 'ignore' as const);
    firefoxAuth.onChallenge(handler);
    expect(await (mock.last('ffAuth') as (d: unknown) => Promise<unknown>)({ requestId: 'r', isProxy: true })).toEqual(
      {},
    );
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ host: '', port: 0 }));
  });
});

describe('messages from senders that are not our extension pages are dropped unread (T50)', () => {
  const SENDERS: [string, unknown][] = [
    ['a web page (no extension id)', { url: 'https://evil.test/' }],
    ['another extension', { id: 'other-ext', url: 'chrome-extension://other-ext/page.html' }],
    ['our id with a web URL (a content script context)', { id: EXT_ID, url: 'https://evil.test/' }],
    ['our id without a URL', { id: EXT_ID }],
    ['a look-alike origin', { id: EXT_ID, url: 'chrome-extension://zone-vpn-id.evil.test/popup.html' }],
    ['another id claiming our page', { id: 'other-ext', url: `chrome-extension://${EXT_ID}/popup/popup.html` }],
  ];
  it.each(SENDERS)('%s', async (_name, sender) => {
    const { messaging } = await import('../../src/platform/messaging');
    const handler = vi.fn(async () => ({ ok: true }));
    messaging.onRequest(handler);
    const answer = (mock.last('onMessage') as (m: unknown, s: unknown) => unknown)({ name: 'logout' }, sender);
    expect(answer).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
  });

  it('positive control: our own popup is heard', async () => {
    const { messaging } = await import('../../src/platform/messaging');
    const handler = vi.fn(async () => ({ ok: true }));
    messaging.onRequest(handler);
    const sender = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/popup/popup.html` };
    await (mock.last('onMessage') as (m: unknown, s: unknown) => unknown)({ name: 'getState' }, sender);
    expect(handler).toHaveBeenCalledOnce();
  });
});

describe('traffic errors: only a proxy that cannot be reached counts as a proxy failure', () => {
  it.each([
    ['net::ERR_PROXY_CONNECTION_FAILED', 1],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 1],
    ['NS_ERROR_PROXY_CONNECTION_REFUSED', 1],
    ['NS_ERROR_UNKNOWN_PROXY_HOST', 1],
    ['net::ERR_CONNECTION_REFUSED', 0],
    ['net::ERR_NAME_NOT_RESOLVED', 0],
    ['net::ERR_BLOCKED_BY_CLIENT', 0],
    ['', 0],
  ])('%s -> %i', async (error, calls) => {
    const { traffic } = await import('../../src/platform/traffic');
    const listener = vi.fn();
    traffic.onProxyFailure(listener);
    (mock.last('onError') as (d: unknown) => void)({ error, url: 'https://site.test/' });
    expect(listener).toHaveBeenCalledTimes(calls);
  });

  it.each([
    [
      { host: '127.0.0.1', port: 9, type: 'http' },
      1_700_000_000_000.5,
      { host: '127.0.0.1', port: 9 },
      1_700_000_000_000.5,
    ],
    [null, undefined, null, null],
    [{ host: 5, port: '9' }, 'soon', null, null],
    [undefined, Number.NaN, null, null],
  ])(
    'the proxy (%j) and time (%s) the browser gives are passed on only when well formed',
    async (proxyInfo, timeStamp, proxy, at) => {
      const { traffic } = await import('../../src/platform/traffic');
      const listener = vi.fn();
      traffic.onProxyFailure(listener);
      (mock.last('onError') as (d: unknown) => void)({
        error: 'NS_ERROR_PROXY_CONNECTION_REFUSED',
        proxyInfo,
        timeStamp,
      });
      expect(listener).toHaveBeenCalledWith({ proxy, at });
    },
  );
});

describe('privacy settings: a set that another extension overrides is an error, not a success', () => {
  function setting(levelAfterSet: string) {
    let level = 'controllable_by_this_extension';
    return {
      set: vi.fn(async () => void (level = levelAfterSet)),
      clear: vi.fn(async () => void (level = 'controllable_by_this_extension')),
      get: async () => ({ levelOfControl: level, value: null }),
      onChange: mock.event(`privacy-${levelAfterSet}`),
    };
  }
  it.each([
    ['controlled_by_this_extension', true],
    ['controlled_by_other_extensions', false],
  ])('after set: %s -> applied %s; clear always resolves', async (levelAfterSet, applied) => {
    const webRTCIPHandlingPolicy = setting(levelAfterSet);
    const networkPredictionEnabled = setting(levelAfterSet);
    mock.browser.privacy = { network: { webRTCIPHandlingPolicy, networkPredictionEnabled } };
    const { privacy } = await import('../../src/platform/privacy');
    const outcome = await privacy.protectWebRtc(true).then(
      () => true,
      () => false,
    );
    expect(outcome).toBe(applied);
    expect(webRTCIPHandlingPolicy.set).toHaveBeenCalledWith({ value: 'disable_non_proxied_udp' });
    expect(await privacy.heldByOthers()).toEqual(applied ? [] : ['webRtc']);
    await privacy.protectWebRtc(false);
    expect(webRTCIPHandlingPolicy.clear).toHaveBeenCalled();
  });
});
