import { describe, expect, it } from 'vitest';
import { startDemoSite } from './demo-site.ts';
import { proxyGet } from './proxy/test-clients.ts';
import { proxyCredentialsFor, startTestProvider } from './test-support.ts';

describe('demo site', () => {
  it('names the address a request came from: direct vs through a proxy', async () => {
    const site = await startDemoSite({ port: 0 });
    const provider = await startTestProvider({ upstreamLocalAddress: '127.0.0.2' });
    try {
      const direct = await fetch(site.url);
      expect(direct.headers.get('x-zone-remote-address')).toBe('127.0.0.1');
      const html = await direct.text();
      expect(html).toContain('<code id="remote-address">127.0.0.1</code>');
      expect(html).toContain('reached directly');

      const creds = await proxyCredentialsFor(provider.accountUrl, provider.regions[0]!.id);
      const server = provider.regions[0]!.servers[0]!;
      const proxied = await proxyGet(server, `http://demo.test:${site.port}/any/path`, creds);
      expect(proxied.headers['x-zone-remote-address']).toBe('127.0.0.2');
      expect(proxied.body).toContain('reached through a Zone VPN proxy (127.0.0.2)');
      expect(proxied.body).toContain('<code>demo.test:');
    } finally {
      await provider.dispose();
      await site.close();
    }
  });
});
