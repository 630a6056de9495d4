// F8 (Mullvad registers proxy.onRequest only after `await getProxyPermissions()`; AdGuard #86,
// Proton #4, FoxyProxy PR #274: requests at browser start went direct before the listeners or the
// settings were in place): evaluate the real background entry (src/background/main.ts) with a fake
// browser whose every async API never answers. Whatever is registered by then was registered in
// the first synchronous run (threats T31); and the first proxy answer after a wake comes from
// storage, not from a default.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failOnUnhandledRejections } from '../hostile-harness';
import { PROXY_TEST_REGIONS as REGIONS } from '../../support/regions';

const mock = await vi.hoisted(async () => (await import('../../support/polyfill-mock')).polyfillMock());
vi.mock('webextension-polyfill', () => ({ default: mock.browser }));
failOnUnhandledRejections();

const never = () => new Promise<never>(() => undefined);
type StoredLocal = Record<string, unknown> | 'never' | 'reject';

/** A browser whose async calls never settle (unless storage is given), recording listeners. */
function fakeBrowser(build: 'chromium' | 'firefox', local: StoredLocal) {
  const chromeSets: unknown[] = [];
  const { event } = mock;
  const get =
    local === 'never'
      ? never
      : local === 'reject'
        ? async () => Promise.reject(new Error('storage unreadable'))
        : async () => structuredClone(local);
  const area = (read: () => Promise<unknown>) => ({ get: read, set: never, remove: never });
  mock.reset(() => ({
    runtime: {
      id: 'ext',
      getURL: (p: string) => `chrome-extension://ext/${p}`,
      onMessage: event('runtime.onMessage'),
      onStartup: event('runtime.onStartup'),
      onInstalled: event('runtime.onInstalled'),
      onUpdateAvailable: event('runtime.onUpdateAvailable'),
      sendMessage: never,
    },
    alarms: { onAlarm: event('alarms.onAlarm'), create: never },
    commands: { onCommand: event('commands.onCommand') },
    contextMenus: { onClicked: event('contextMenus.onClicked'), removeAll: never, create: never },
    i18n: { getMessage: (key: string) => key },
    storage: { local: area(get), session: area(local === 'never' ? never : async () => ({})) },
    proxy: { onRequest: event('proxy.onRequest') },
    webRequest: {
      onAuthRequired: event('webRequest.onAuthRequired'),
      onErrorOccurred: event('webRequest.onErrorOccurred'),
      onCompleted: event('webRequest.onCompleted'),
      onHeadersReceived: event('webRequest.onHeadersReceived'),
    },
    tabs: { onActivated: event('tabs.onActivated'), onUpdated: event('tabs.onUpdated'), query: never, get: never },
    action: { setIcon: never, setBadgeText: never, setBadgeBackgroundColor: never },
    privacy: {
      network: {
        webRTCIPHandlingPolicy: { set: never, clear: never, get: never, onChange: event('privacy.webRTC.onChange') },
        networkPredictionEnabled: {
          set: never,
          clear: never,
          get: never,
          onChange: event('privacy.prediction.onChange'),
        },
      },
    },
    extension: { isAllowedIncognitoAccess: never },
  }));
  Object.assign(globalThis, {
    __BROWSER__: build,
    __ACCOUNT_SERVICE_URL__: 'https://account.test',
    __E2E__: false,
    chrome: {
      proxy: {
        settings: {
          onChange: event('proxy.settings.onChange'),
          set: (d: unknown) => (chromeSets.push(d), never()),
          clear: never,
          get: never,
        },
      },
      webRequest: { onAuthRequired: event('webRequest.onAuthRequired') },
      declarativeNetRequest: { updateDynamicRules: never, updateSessionRules: never },
    },
  });
  return { registered: mock.registered, handler: mock.last, chromeSets };
}

async function evaluateBackground(build: 'chromium' | 'firefox', local: StoredLocal) {
  vi.resetModules();
  const fake = fakeBrowser(build, local);
  await import('../../../src/background/main');
  return fake;
}

afterEach(() => {
  for (const key of ['__BROWSER__', '__ACCOUNT_SERVICE_URL__', '__E2E__', 'chrome'])
    delete (globalThis as Record<string, unknown>)[key];
});

const EVERY_BUILD = [
  'webRequest.onAuthRequired',
  'runtime.onMessage',
  'runtime.onStartup',
  'runtime.onUpdateAvailable',
  'alarms.onAlarm',
  'webRequest.onErrorOccurred',
  'webRequest.onCompleted',
  'tabs.onActivated',
  'tabs.onUpdated',
  'privacy.webRTC.onChange',
  'privacy.prediction.onChange',
  'commands.onCommand',
  'contextMenus.onClicked',
];
const CONNECTED = {
  session: { token: 'tok', email: 'a@b.test' },
  regions: REGIONS,
  regionId: 'de-fra',
  wantConnected: true,
};

describe('anchor F8: listeners at the top level, state from storage on every wake', () => {
  it.each([
    ['firefox', ['proxy.onRequest', 'webRequest.onHeadersReceived']],
    ['chromium', ['proxy.settings.onChange']],
  ] as const)('%s: every listener is registered while storage has not answered yet', async (build, proxyEvents) => {
    const { registered } = await evaluateBackground(build, 'never');
    expect(registered).toEqual(expect.arrayContaining([...EVERY_BUILD, ...proxyEvents]));
  });

  it('firefox: the first request after a wake is proxied from the stored state, not answered by a default', async () => {
    const { handler } = await evaluateBackground('firefox', CONNECTED);
    const answer = (await handler('proxy.onRequest')({ url: 'https://site.test/' })) as unknown[];
    expect(answer[0]).toMatchObject({ type: 'https', host: 'de1.proxy.test', port: 3128 });
    expect(answer.at(-1)).toBeNull();
  });

  it('positive control: the same request with nothing stored goes direct', async () => {
    const { handler } = await evaluateBackground('firefox', {});
    expect(await handler('proxy.onRequest')({ url: 'https://site.test/' })).toEqual([{ type: 'direct' }]);
  });

  it('firefox: while storage has not answered, the first request waits instead of going direct', async () => {
    const { handler } = await evaluateBackground('firefox', 'never');
    const first = Promise.race([handler('proxy.onRequest')({ url: 'https://site.test/' }), Promise.resolve('waits')]);
    expect(await first).toBe('waits');
  });

  it('chromium: the wake re-applies a mandatory PAC built from the stored state', async () => {
    const { chromeSets } = await evaluateBackground('chromium', CONNECTED);
    await vi.waitFor(() => expect(chromeSets).toHaveLength(1));
    expect(chromeSets[0]).toMatchObject({ value: { mode: 'pac_script', pacScript: { mandatory: true } } });
    expect(JSON.stringify(chromeSets[0])).toContain('de1.proxy.test');
  });

  it('a wake whose storage read fails leaves no unhandled rejection (O9)', async () => {
    await evaluateBackground('chromium', 'reject');
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
