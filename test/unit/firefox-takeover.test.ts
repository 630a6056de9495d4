// Takeover by another add-on in Firefox (threats T19, F14): Firefox gives the request to the last
// add-on's proxy.onRequest answer and tells the others nothing. The background's router
// (src/background/proxy-driver.ts, core/firefox-takeover.ts) compares what it answered with the
// proxy each request really used (webRequest `proxyInfo`), which the adapter passes on.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compileRouting } from '../../src/core/routing';
import { PROXY_TEST_REGIONS as REGIONS } from '../support/regions';

const mock = await vi.hoisted(async () => {
  const { polyfillMock, firefoxProxyEvents } = await import('../support/polyfill-mock');
  return polyfillMock(firefoxProxyEvents);
});
vi.mock('webextension-polyfill', () => ({ default: mock.browser }));
const on = mock.listeners;

async function adapter() {
  vi.resetModules();
  for (const key of Object.keys(on)) delete on[key];
  const { firefoxProxy: adapterPort } = await import('../../src/platform/proxy-firefox');
  const { routerDriver } = await import('../../src/background/proxy-driver');
  const firefoxProxy = routerDriver(adapterPort);
  const table = compileRouting({
    entries: [],
    mode: 'exclude',
    bypassLocal: true,
    defaultRegionId: 'de-fra',
    regions: Object.fromEntries(REGIONS.map((r) => [r.id, r.servers])),
    alwaysDirect: [],
  });
  firefoxProxy.listen(async () => ({ kind: 'route', table, directHosts: [] }));
  const changes = vi.fn();
  firefoxProxy.onControlChange(changes);
  const request = async (requestId: string, url = 'http://site.test/') =>
    (await on.onRequest![0]!({ requestId, url })) as { type: string; host: string; port: number }[];
  const used = (event: 'onHeadersReceived' | 'onErrorOccurred', requestId: string, proxyInfo: unknown) =>
    on[event]![0]!({ requestId, proxyInfo });
  return { firefoxProxy, changes, request, used };
}

const ROGUE = { type: 'http', host: '127.0.0.1', port: 8899 };

describe('Firefox takeover detection', () => {
  let ff: Awaited<ReturnType<typeof adapter>>;
  beforeEach(async () => void (ff = await adapter()));

  it('requests that used our proxies leave control ours', async () => {
    const answer = await ff.request('1');
    ff.used('onHeadersReceived', '1', answer[0]);
    expect(await ff.firefoxProxy.control()).toBe('ours');
    expect(ff.changes).not.toHaveBeenCalled();
  });

  it('a request that used another proxy turns control to otherExtension, once, and back when ours is used again', async () => {
    await ff.request('1');
    ff.used('onHeadersReceived', '1', ROGUE);
    expect(await ff.firefoxProxy.control()).toBe('otherExtension');
    await ff.request('2');
    ff.used('onErrorOccurred', '2', ROGUE);
    expect(ff.changes).toHaveBeenCalledTimes(1);
    const answer = await ff.request('3');
    ff.used('onHeadersReceived', '3', answer[1] ?? answer[0]);
    expect(await ff.firefoxProxy.control()).toBe('ours');
    expect(ff.changes).toHaveBeenCalledTimes(2);
  });

  it('a request that went direct where we named a proxy is a takeover too', async () => {
    await ff.request('1');
    ff.used('onHeadersReceived', '1', null);
    expect(await ff.firefoxProxy.control()).toBe('otherExtension');
  });

  it('an answer from the cache is not judged', async () => {
    await ff.request('1');
    on.onHeadersReceived![0]!({ requestId: '1', proxyInfo: null, fromCache: true });
    expect(await ff.firefoxProxy.control()).toBe('ours');
  });

  it('requests we never answered (before a wake) are not judged', async () => {
    ff.used('onHeadersReceived', 'unknown', ROGUE);
    expect(await ff.firefoxProxy.control()).toBe('ours');
  });

  it('keeps a bounded number of pending answers', async () => {
    for (let i = 0; i < 2_000; i++) await ff.request(String(i));
    // The oldest were dropped, so they are not judged; the newest still are.
    ff.used('onHeadersReceived', '0', ROGUE);
    expect(await ff.firefoxProxy.control()).toBe('ours');
    ff.used('onHeadersReceived', '1999', ROGUE);
    expect(await ff.firefoxProxy.control()).toBe('otherExtension');
  });
});
