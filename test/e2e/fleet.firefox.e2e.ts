/**
 * The fleet in Firefox ESR (issue #15): the extension logs in through HAProxy, connects and browses
 * through a Squid of the region (test/support/fleet.ts); a Squid stops and traffic fails over to
 * the region's other one, nothing direct. The node and database scenarios run in
 * fleet.chromium.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, textOf, waitFor, type FirefoxSession } from '../support/firefox';
import { connect, logIn, useAccountService, visit } from '../support/firefox-flows';
import { startTestFleet, type TestFleet } from '../support/fleet';
import { startOrigin, type Origin } from '../support/origin';

const HOSTS = ['g1.fleet.test', 'g2.fleet.test'];
let fleet: TestFleet;
let origin: Origin;
let firefox: FirefoxSession;

beforeAll(async () => {
  [fleet, origin] = await Promise.all([startTestFleet({ nodes: 2, squids: { hostNames: HOSTS } }), startOrigin()]);
  firefox = await launchFirefox();
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await Promise.all([fleet?.dispose(), origin?.close()]);
});

describe('the fleet in Firefox: HAProxy, two nodes, PostgreSQL, two Squids per region', () => {
  it('logs in through HAProxy, browses through a Squid, and fails over when one stops', async () => {
    const ui = firefox.extensionPage;
    await useAccountService(ui, fleet.url);
    await logIn(ui);
    await connect(ui, 'jp-tyo');
    await waitFor(async () => (await textOf(ui, '[role=status]')).includes('Connected'));
    expect(await visit(firefox, origin, HOSTS[0]!)).toBe('127.0.0.2');
    await fleet.squids.get('jp-tyo-1')!.stop();
    expect(await visit(firefox, origin, HOSTS[1]!)).toBe('127.0.0.2');
    const direct = HOSTS.flatMap((h) => origin.hitsFor(h)).filter((hit) => hit.from !== '127.0.0.2');
    expect(direct).toEqual([]);
  });
});
