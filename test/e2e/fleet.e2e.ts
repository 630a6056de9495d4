/**
 * The fleet end to end (issue #15), in Chromium and Firefox ESR: the extension against what
 * `npm run fleet` starts — PostgreSQL, two account-service nodes behind HAProxy, two regions of two
 * Squids with the token helper (test/support/fleet.ts). Log in, connect, browse; a node stops; a
 * Squid of the region stops; PostgreSQL stops and comes back. Every page goes through a Squid (the
 * origin sees 127.0.0.2) or fails, never direct.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFleet, type TestFleet } from '../support/fleet';
import { startOrigin, type Origin } from '../support/origin';
import { DEMO } from '../support/provider';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

const REGION = 'nl-ams';

describe.each(BROWSERS)('the fleet in %s: HAProxy, two nodes, PostgreSQL, two Squids per region', (name) => {
  const HOSTS = [1, 2, 3, 4, 5].map((i) => `${name}${i}.fleet.test`);
  let fleet: TestFleet;
  let origin: Origin;
  let b: ZoneBrowser;
  const visit = (host: string) => b.load(`http://${host}:${origin.port}/`, 15_000);
  const direct = () => HOSTS.flatMap((h) => origin.hitsFor(h)).filter((hit) => hit.from !== '127.0.0.2');
  /** Options page: Log out (local logout, whatever the service says), then the popup again. */
  async function logOut(): Promise<void> {
    await b.ui.open('options');
    await b.ui.click('Log out');
    await b.ui.open('popup');
    await b.ui.waitForButton('Log in');
  }

  beforeAll(async () => {
    [fleet, origin] = await Promise.all([startTestFleet({ nodes: 2, squids: { hostNames: HOSTS } }), startOrigin()]);
    b = await launchZoneBrowser(name, { leak: false });
    await b.useAccountService(fleet.url);
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await Promise.all([fleet?.dispose(), origin?.close()]);
  });

  it('log in through HAProxy, connect, browse through a Squid of the region', async () => {
    await b.logIn();
    await b.connect(REGION);
    await b.ui.statusSays('Connected');
    expect(await visit(HOSTS[0]!)).toBe('127.0.0.2');
  });

  it('a node stops: browsing goes on, and logging out and in again (a token fetch) works through the other', async () => {
    await fleet.stopNode('node1');
    expect(await visit(HOSTS[1]!)).toBe('127.0.0.2');
    await logOut();
    await b.logIn();
    await b.connect(REGION);
    await b.ui.statusSays('Connected');
    expect(await visit(HOSTS[2]!)).toBe('127.0.0.2');
  });

  it("a Squid of the region stops: traffic fails over to the region's other Squid, nothing direct", async () => {
    await fleet.squids.get(`${REGION}-1`)!.stop();
    expect(await visit(HOSTS[3]!)).toBe('127.0.0.2');
    expect(direct()).toEqual([]);
  });

  it('PostgreSQL stops: connected browsing goes on, login says the service is unavailable; it comes back by itself', async () => {
    await fleet.postgres.stop();
    expect(await visit(HOSTS[4]!)).toBe('127.0.0.2'); // proxies need no database
    await logOut();
    await b.ui.fill('Email', DEMO.email);
    await b.ui.fill('Password', DEMO.password);
    await b.ui.click('Log in');
    const alert = async () => (await b.ui.texts('[role=alert]')).join(' ');
    await expect.poll(alert, { timeout: 20_000 }).toMatch(/unavailable/i);
    expect(await alert()).not.toMatch(/wrong email or password/i);
    await fleet.postgres.start();
    await b.logIn(); // waits for Connect: the service answers again
    expect(direct()).toEqual([]);
  });
});
