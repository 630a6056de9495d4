// F15 (HTTP proxies carry Basic credentials and CONNECT host names in the clear; Proton allows only
// https in production), F19 (speculative connections: Mullvad cancels type 'speculative', others let
// them go direct) and F20 (Firefox resolves names locally for SOCKS without proxyDNS): what each
// browser is told for a region's servers, through the real controller and both adapters.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePac } from '../../../src/core/pac-script';
import { RegionsAnswer } from '../../../src/core/account-schemas';
import type { Region } from '../../../src/shared/provider-types';
import * as v from 'valibot';
import { loadPac } from '../pac-sandbox';
import { setup, signIn } from '../../support/controller-harness';
import { regionWith } from '../../support/regions';

const mock = await vi.hoisted(async () => {
  const { polyfillMock, firefoxProxyEvents } = await import('../../support/polyfill-mock');
  return polyfillMock(firefoxProxyEvents);
});
vi.mock('webextension-polyfill', () => ({ default: mock.browser }));
afterEach(() => mock.reset());

const region = (scheme: string, host = 'proxy.example.net'): Region =>
  regionWith([{ id: 's1', host, port: 443, scheme: scheme as Region['servers'][0]['scheme'] }]);

/** A controller connected to a region with the given servers; its mode for the browser. */
async function modeFor(r: Region) {
  const t = setup({ regions: [r] });
  await signIn(t);
  await t.h.connect({ regionId: r.id });
  return t.controller.currentProxyMode();
}
async function firefoxAnswer(r: Region, details: { url: string; type?: string }) {
  const mode = await modeFor(r);
  const { firefoxProxy: adapterPort } = await import('../../../src/platform/proxy-firefox');
  const { routerDriver } = await import('../../../src/background/proxy-driver');
  const firefoxProxy = routerDriver(adapterPort);
  firefoxProxy.listen(async () => mode);
  await firefoxProxy.apply(mode);
  return (await mock.last('onRequest')(details)) as { type: string; proxyDNS?: boolean }[];
}
function pacAnswer(mode: Awaited<ReturnType<typeof modeFor>>, url: string, host: string) {
  if (mode.kind !== 'route') throw new Error('not routed');
  return loadPac(generatePac(mode.table)).findProxyForURL(url, host);
}

describe('anchor F15: the hop to an https proxy is encrypted in both browsers', () => {
  it('an https server is HTTPS in the PAC and type https for Firefox, never downgraded to PROXY/http', async () => {
    const r = region('https');
    expect(pacAnswer(await modeFor(r), 'https://site.test/', 'site.test')).toMatch(/^HTTPS proxy\.example\.net:443/);
    expect((await firefoxAnswer(r, { url: 'https://site.test/' }))[0]).toMatchObject({ type: 'https' });
  });

  // Found by this anchor: the schema used to accept a cleartext hop to any host (threats T28 wants
  // http for loopback/dev only). Now only a proxy on this machine may be http or socks5.
  it('a non-loopback http or socks5 proxy in a region list is refused; on loopback it is allowed', () => {
    for (const scheme of ['http', 'socks5']) {
      expect(v.safeParse(RegionsAnswer, { regions: [region(scheme, 'proxy.example.net')] }).success).toBe(false);
      expect(v.safeParse(RegionsAnswer, { regions: [region(scheme, '203.0.113.9')] }).success).toBe(false);
      expect(v.safeParse(RegionsAnswer, { regions: [region(scheme, '127.0.0.2')] }).success).toBe(true);
    }
    expect(v.safeParse(RegionsAnswer, { regions: [region('https', 'proxy.example.net')] }).success).toBe(true);
  });
});

describe('anchor F19: speculative connections take the same route as any request', () => {
  it('Firefox: a speculative request is proxied with the list ending in null, never direct', async () => {
    const answer = await firefoxAnswer(region('https'), { url: 'http://pre.test/', type: 'speculative' });
    expect(answer[0]).toMatchObject({ type: 'https', host: 'proxy.example.net' });
    expect(answer.at(-1)).toBeNull();
  });
  it('Chromium: the PAC sees host and URL only, so a preconnect to pre.test is proxied too', async () => {
    expect(pacAnswer(await modeFor(region('https')), 'http://pre.test/', 'pre.test')).not.toMatch(/DIRECT/);
  });
});

describe('anchor F20: names resolve at a SOCKS proxy, not locally', () => {
  it('Firefox SOCKS answers carry proxyDNS: true', async () => {
    const answer = await firefoxAnswer(region('socks5', '127.0.0.1'), { url: 'https://site.test/' });
    expect(answer[0]).toMatchObject({ type: 'socks', proxyDNS: true });
  });
  it('Chromium gets SOCKS5 (which always resolves at the proxy), not SOCKS (v4 resolves locally)', async () => {
    expect(pacAnswer(await modeFor(region('socks5', '127.0.0.1')), 'https://site.test/', 'site.test')).toMatch(
      /^SOCKS5 /,
    );
  });
});
