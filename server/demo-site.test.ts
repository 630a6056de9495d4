import { describe, expect, it } from 'vitest';
import { startDemoSite } from './demo-site.ts';
import { proxyGet } from './proxy/test-clients.ts';
import { api, login, startTestProvider } from './test-support.ts';

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

      const token = await login(provider.accountUrl);
      const creds = (await api(provider.accountUrl, 'POST', '/v1/proxy-credentials', { token })).body;
      const server = provider.regions[0]!.servers[0]!;
      const proxied = await proxyGet(server, `http://demo.test:${site.port}/any/path`, {
        username: creds.username ?? '',
        password: creds.password ?? '',
      });
      expect(proxied.headers['x-zone-remote-address']).toBe('127.0.0.2');
      expect(proxied.body).toContain('reached through a Zone VPN proxy (127.0.0.2)');
      expect(proxied.body).toContain('<code>demo.test:');
    } finally {
      await provider.dispose();
      await site.close();
    }
  });
});
