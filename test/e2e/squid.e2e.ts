/**
 * A provider's fleet of standard proxies, end to end: a real Squid authenticates access tokens with
 * the Zone VPN helper and the issuer's public directory (no other link to the account service: no
 * secret, no database). Chromium and Firefox ESR with the extension log in, connect to the Squid
 * region and load a test site; the origin sees the request arrive from Squid's outgoing address
 * (127.0.0.2), so Squid's 407 was answered with a token the helper accepted (Chromium and Firefox
 * answer it from webRequest.onAuthRequired with a token fetched ahead of need). Squid's privacy
 * settings are checked with Node.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../support/origin';
import {
  newTokenIssuer,
  startSquid,
  startSquidAccountService,
  type RunningSquid,
  type SquidAccountService,
} from '../support/squid';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

const issuer = newTokenIssuer();
let squid: RunningSquid;
let account: SquidAccountService;
let origin: Origin;
let browser: ZoneBrowser | undefined;

beforeAll(async () => {
  [squid, origin] = await Promise.all([
    startSquid({
      directory: issuer.directory(Date.now()),
      regionId: 'sq-local',
      hostNames: ['site-a.test', 'headers.test'],
    }),
    startOrigin(),
  ]);
  account = await startSquidAccountService({
    issuer,
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
  it('challenges without a token, refuses forged, foreign-region and past ones, passes minted ones', async () => {
    const url = `http://site-a.test:${origin.port}/direct-check`;
    const none = await viaSquid(url);
    expect(none.status).toBe(407);
    expect(none.headers['proxy-authenticate']).toBe('Basic realm="Zone VPN"');
    const good = await account.mint('sq-local');
    // Flip one character in the middle of the signature.
    const flipped = good.password.slice(0, 300) + (good.password[300] === 'A' ? 'B' : 'A') + good.password.slice(301);
    expect((await viaSquid(url, { username: good.username, password: flipped })).status).toBe(407);
    expect((await viaSquid(url, await account.mint('another-region'))).status).toBe(407);
    const epoch = Math.floor(Date.now() / 1000 / issuer.epochSeconds);
    expect((await viaSquid(url, await account.mint('sq-local', epoch - 2))).status).toBe(407);
    const ok = await viaSquid(url, good);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<p id="from">127.0.0.2</p>');
  });

  it('forwards neither the client address nor the token, and adds no Via', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const echo = http.createServer((req, res) => (seen.push(req.headers), res.end('ok')));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const port = (echo.address() as AddressInfo).port;
      const answer = await viaSquid(`http://headers.test:${port}/`, await account.mint('sq-local'));
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

  it.each(BROWSERS)('%s with the extension connects to the Squid region and browses through it', async (name) => {
    browser = await launchZoneBrowser(name, { leak: false });
    try {
      await browser.useAccountService(account.accountUrl);
      await browser.logIn();
      await browser.connect('sq-local');
      await browser.ui.statusSays('Connected');
      const before = origin.hitsFor('site-a.test').length;
      expect(await browser.load(`http://site-a.test:${origin.port}/`)).toBe('127.0.0.2');
      const hits = origin.hitsFor('site-a.test').slice(before);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((hit) => hit.from === '127.0.0.2')).toBe(true);
      expect(account.issued()).toBeGreaterThan(0); // the extension's tokens, fetched ahead of need
    } finally {
      await browser.close();
      browser = undefined;
    }
  });
});
