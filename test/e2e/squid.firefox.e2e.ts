/**
 * The Squid region in Firefox ESR: the same fleet as squid.chromium.e2e.ts (a real Squid checking
 * access tokens with the Zone VPN helper and the issuer's public directory). Firefox answers Squid's
 * 407 from webRequest.onAuthRequired with a token it fetched ahead of need; the origin sees Squid's
 * outgoing address, and Squid saw a token (the helper refuses anything else).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, textOf, type FirefoxSession } from '../support/firefox';
import { connect, logIn, useAccountService, visit } from '../support/firefox-flows';
import { startOrigin, type Origin } from '../support/origin';
import {
  newTokenIssuer,
  startSquid,
  startSquidAccountService,
  type RunningSquid,
  type SquidAccountService,
} from '../support/squid';

const issuer = newTokenIssuer();
let squid: RunningSquid;
let account: SquidAccountService;
let origin: Origin;
let firefox: FirefoxSession;

beforeAll(async () => {
  [squid, origin] = await Promise.all([
    startSquid({ directory: issuer.directory(Date.now()), regionId: 'sq-local', hostNames: ['site-a.test'] }),
    startOrigin(),
  ]);
  account = await startSquidAccountService({
    issuer,
    servers: [{ id: 'sq-local-1', host: squid.host, port: squid.port, scheme: 'http' }],
  });
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([squid?.stop(), account?.close(), origin?.close()]);
});

describe('Squid as a Zone VPN region server, in Firefox', () => {
  it('Firefox with the extension connects to the Squid region and browses through it', async () => {
    firefox = await launchFirefox();
    const ui = firefox.extensionPage;
    await useAccountService(ui, account.accountUrl);
    await logIn(ui);
    await connect(ui, 'sq-local');
    expect(await textOf(ui, '[role=status]')).toContain('Connected');
    expect(await visit(firefox, origin, 'site-a.test')).toBe('127.0.0.2');
    const hits = origin.hitsFor('site-a.test');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.from === '127.0.0.2')).toBe(true);
    expect(account.issued()).toBeGreaterThan(0); // the extension's tokens, fetched ahead of need
  });
});
