/**
 * Servers of scheme `https` are TLS proxies: the PAC answers `HTTPS host:port`, the hop to the
 * proxy is encrypted (credentials and CONNECT host names are not in the clear), and the proxy's
 * 407 is answered as for an HTTP proxy. The reference provider serves a region over TLS with a
 * test-only certificate that Chromium is told to trust by its key (SPKI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../support/chromium';
import { launchConnected, visit } from '../support/chromium-flows';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';

let provider: TestProvider;
let origin: Origin;
let browser: ChromiumSession;

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider({ httpsRegion: 'us-nyc' }), startOrigin()]);
  const spki = provider.tls!.spkiSha256;
  browser = await launchConnected(provider.accountUrl, 'us-nyc', {
    extraArgs: [`--ignore-certificate-errors-spki-list=${spki}`],
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Chromium through a TLS (https) proxy', () => {
  it('the region is served over TLS', () => {
    expect(provider.regions.find((r) => r.id === 'us-nyc')!.servers.every((s) => s.scheme === 'https')).toBe(true);
  });

  it('a site loads through the TLS proxy with its challenge answered', async () => {
    expect(await visit(browser, origin, 'tls-hop.test')).toBe('127.0.0.2');
    const seen = provider.eventsFor('tls-hop.test');
    expect(seen.some((e) => e.authorized && e.regionId === 'us-nyc')).toBe(true);
    expect(origin.hitsFor('tls-hop.test').every((h) => h.from === '127.0.0.2')).toBe(true);
  });
});
