/**
 * The fleet end to end (issue #15): Chromium with the extension against what `npm run fleet`
 * starts — PostgreSQL, two account-service nodes behind HAProxy, two regions of two Squids with the
 * token helper (test/support/fleet.ts). Log in, connect, browse; a node stops; a Squid of the
 * region stops; PostgreSQL stops and comes back. Every page goes through a Squid (the origin sees
 * 127.0.0.2) or fails, never direct.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { connect, logIn, useAccountService, visit } from '../support/chromium-flows';
import { startTestFleet, type TestFleet } from '../support/fleet';
import { startOrigin, type Origin } from '../support/origin';

const HOSTS = ['f1.fleet.test', 'f2.fleet.test', 'f3.fleet.test', 'f4.fleet.test', 'f5.fleet.test'];
let fleet: TestFleet;
let origin: Origin;
let browser: ChromiumSession;
let popup: Page;

beforeAll(async () => {
  [fleet, origin] = await Promise.all([startTestFleet({ nodes: 2, squids: { hostNames: HOSTS } }), startOrigin()]);
  browser = await launchChromium();
  await useAccountService(browser, fleet.url);
  popup = await browser.openPopup();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([fleet?.dispose(), origin?.close()]);
});

const direct = () => HOSTS.flatMap((h) => origin.hitsFor(h)).filter((hit) => hit.from !== '127.0.0.2');

describe('the fleet: HAProxy, two nodes, PostgreSQL, two Squids per region', () => {
  it('log in through HAProxy, connect, browse through a Squid of the region', async () => {
    await logIn(popup);
    await connect(popup, 'nl-ams');
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Connected');
    expect(await visit(browser, origin, HOSTS[0]!)).toBe('127.0.0.2');
  });

  it('a node stops: browsing goes on, and logging out and in again (a token fetch) works through the other', async () => {
    await fleet.stopNode('node1');
    expect(await visit(browser, origin, HOSTS[1]!)).toBe('127.0.0.2');
    const options = await browser.openOptions();
    await options.getByRole('button', { name: 'Log out' }).click();
    await options.close();
    await popup.reload();
    await logIn(popup);
    await connect(popup, 'nl-ams');
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Connected');
    expect(await visit(browser, origin, HOSTS[2]!)).toBe('127.0.0.2');
  });

  it("a Squid of the region stops: traffic fails over to the region's other Squid, nothing direct", async () => {
    await fleet.squids.get('nl-ams-1')!.stop();
    expect(await visit(browser, origin, HOSTS[3]!)).toBe('127.0.0.2');
    expect(direct()).toEqual([]);
  });

  it('PostgreSQL stops: connected browsing goes on, login says the service is unavailable; it comes back by itself', async () => {
    await fleet.postgres.stop();
    expect(await visit(browser, origin, HOSTS[4]!)).toBe('127.0.0.2'); // proxies need no database
    const options = await browser.openOptions();
    await options.getByRole('button', { name: 'Log out' }).click(); // local logout, whatever the service says
    await options.close();
    await popup.reload();
    await logIn(popup);
    await expect.poll(() => popup.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/unavailable/i);
    expect(await popup.getByRole('alert').textContent()).not.toMatch(/wrong email or password/i);
    await fleet.postgres.start();
    await popup.reload();
    await logIn(popup);
    await popup.getByRole('button', { name: 'Connect' }).waitFor({ timeout: 20_000 });
    expect(direct()).toEqual([]);
  });
});
