/**
 * A provider's fleet of standard proxies, end to end: a real Squid authenticates with the Zone VPN
 * helper and the credential key it shares with the account service (no other link between them).
 * Chromium with the extension logs in, connects to the Squid region and loads a test site; the
 * origin sees the request arrive from Squid's outgoing address (127.0.0.2), so Squid's 407 was
 * answered with credentials the helper accepted. Squid's privacy settings are checked with Node.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { connect, logIn, useAccountService, visit } from '../support/chromium-flows';
import { startOrigin, type Origin } from '../support/origin';
import { startSquid, startSquidAccountService, type RunningSquid, type SquidAccountService } from '../support/squid';

const KEY = randomBytes(32).toString('base64url');
let squid: RunningSquid;
let account: SquidAccountService;
let origin: Origin;
let browser: ChromiumSession;

beforeAll(async () => {
  [squid, origin] = await Promise.all([
    startSquid({ credentialKey: KEY, hostNames: ['site-a.test', 'headers.test'] }),
    startOrigin(),
  ]);
  account = await startSquidAccountService({
    credentialKey: KEY,
    servers: [{ id: 'sq-local-1', host: squid.host, port: squid.port, scheme: 'http' }],
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([squid?.stop(), account?.close(), origin?.close()]);
});

/** One plain-HTTP request through Squid; returns the status and what the origin answered. */
function viaSquid(url: string, credentials?: { username: string; password: string }) {
  const headers: Record<string, string> = { host: new URL(url).host };
  if (credentials) {
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    headers['proxy-authorization'] = `Basic ${basic}`;
  }
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: squid.host, port: squid.port, path: url, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Squid as a Zone VPN region server', () => {
  it('challenges without credentials, refuses forged ones, passes minted ones', async () => {
    const url = `http://site-a.test:${origin.port}/direct-check`;
    const none = await viaSquid(url);
    expect(none.status).toBe(407);
    expect(none.headers['proxy-authenticate']).toBe('Basic realm="Zone VPN"');
    const good = account.mint('SquidCheckUser0000001', 60_000);
    // Flip one MAC character in the middle (the last one also carries padding bits).
    const [expires, mac = ''] = good.password.split('.');
    const flipped = mac.slice(0, 10) + (mac[10] === 'A' ? 'B' : 'A') + mac.slice(11);
    const forged = { username: good.username, password: `${expires}.${flipped}` };
    expect((await viaSquid(url, forged)).status).toBe(407);
    expect((await viaSquid(url, account.mint('SquidCheckUser0000002', -1))).status).toBe(407);
    const ok = await viaSquid(url, good);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<p id="from">127.0.0.2</p>');
  });

  it('forwards neither the client address nor the credentials, and adds no Via', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const echo = http.createServer((req, res) => (seen.push(req.headers), res.end('ok')));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const port = (echo.address() as AddressInfo).port;
      const answer = await viaSquid(`http://headers.test:${port}/`, account.mint('SquidCheckUser0000003', 60_000));
      expect(answer.status).toBe(200);
      expect(seen).toHaveLength(1);
      for (const name of ['via', 'x-forwarded-for', 'forwarded', 'proxy-authorization']) {
        expect(seen[0]).not.toHaveProperty(name);
      }
      expect(answer.headers['via']).toBeUndefined();
    } finally {
      echo.closeAllConnections();
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('Chromium with the extension connects to the Squid region and browses through it', async () => {
    browser = await launchChromium();
    await useAccountService(browser, account.accountUrl);
    const popup = await browser.openPopup();
    await logIn(popup);
    await connect(popup, 'sq-local');
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Connected');

    expect(await visit(browser, origin, 'site-a.test')).toBe('127.0.0.2');
    const hits = origin.hitsFor('site-a.test').filter((hit) => hit.path === '/');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.from === '127.0.0.2')).toBe(true);
    expect(account.issued()).toBeGreaterThan(0); // the extension fetched credentials for Squid's 407
  });
});
