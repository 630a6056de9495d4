/**
 * Servers marked `"managed": false` (a Squid fleet, proxies on other machines) are announced but
 * not started: the account service runs even when something else already listens on their ports.
 */
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { api, login, startTestProvider } from './test-support.ts';

describe('servers the provider lists but does not run', () => {
  let squidStandIn: Server;
  let port: number;

  beforeAll(async () => {
    squidStandIn = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squidStandIn.listen(0, '127.0.0.1', resolve));
    port = (squidStandIn.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => squidStandIn.close(resolve)));

  it('announces them in /v1/regions and starts nothing on their ports', async () => {
    const config = parseConfig({
      accountService: { host: '127.0.0.1', port: 0 },
      regions: [
        {
          id: 'nl-ams',
          name: 'Netherlands',
          country: 'NL',
          city: 'Amsterdam',
          servers: [
            { id: 'nl-ams-1', host: '127.0.0.1', port, scheme: 'http', managed: false },
            { id: 'nl-ams-2', host: '127.0.0.1', port: 0, scheme: 'http' },
          ],
        },
        {
          id: 'se-sto',
          name: 'Sweden',
          country: 'SE',
          city: 'Stockholm',
          servers: [{ id: 'se-sto-1', host: '192.0.2.10', port: 3128, scheme: 'https', managed: false }],
        },
      ],
    });
    // Without the flag the provider would try to listen on the stand-in's port and fail.
    const provider = await startTestProvider({ config });
    try {
      const token = await login(provider.accountUrl);
      const { body } = await api(provider.accountUrl, 'GET', '/v1/regions', { token });
      const servers = body.regions?.flatMap((r) => r.servers);
      expect(servers).toEqual([
        { id: 'nl-ams-1', host: '127.0.0.1', port, scheme: 'http' },
        { id: 'nl-ams-2', host: '127.0.0.1', port: expect.any(Number), scheme: 'http' },
        { id: 'se-sto-1', host: '192.0.2.10', port: 3128, scheme: 'https' },
      ]);
      expect(servers?.[1]?.port).not.toBe(0);
      // No certificate was made for the https server it does not run.
      expect(provider.tls).toBeUndefined();
      await expect(provider.stopServer('nl-ams-1')).rejects.toThrow(/run by this provider/);
    } finally {
      await provider.dispose();
    }
  });
});
