/**
 * O6, replay half (threats T29): sends one plain-HTTP request through a provider proxy with given
 * proxy credentials (an access token), from the test itself, the way anyone who copied them could. The answer's
 * status says whether the proxy still accepts them (200: it forwarded to the origin; 407: refused).
 */
import http from 'node:http';
import type { ProxyServer } from '../../../src/shared/provider-types';

export async function replayCredentials(
  proxy: Pick<ProxyServer, 'host' | 'port'>,
  credentials: { username: string; password: string },
  targetUrl: string,
): Promise<number> {
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: proxy.host,
      port: proxy.port,
      method: 'GET',
      path: targetUrl,
      headers: { host: new URL(targetUrl).host, 'proxy-authorization': `Basic ${basic}`, connection: 'close' },
      timeout: 10_000,
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error('replay timed out')));
    request.on('error', reject);
    request.end();
  });
}
