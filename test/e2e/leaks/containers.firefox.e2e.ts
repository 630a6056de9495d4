/**
 * Firefox containers with their own way out (issue 17), in one Firefox ESR launch: the profile's
 * containers (privacy.userContext.enabled) each open a tab; set through the options page, the
 * Personal container leaves through Japan's proxy and Work through the United States', while the
 * VPN is connected to Germany, and nothing of theirs reaches the origin directly.
 *
 * Positive controls first: without a container setting both leave through the connected region
 * (so the proxies' logs can tell the regions apart), and a container the user set to go direct
 * is seen by the direct oracle (so it can see direct traffic).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { requirePositive, waitUntil } from './harness';

// A fresh profile's default containers, in the order Firefox creates them.
const PERSONAL = 'firefox-container-1';
const WORK = 'firefox-container-2';
const BANKING = 'firefox-container-3';

describe('firefox leak suite: containers', () => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  let b: ZoneBrowser;
  /** The regions whose proxies carried requests for `host`. */
  const regionsFor = (host: string) => [...new Set(provider.eventsFor(host).map((e) => e.regionId))];
  const load = (cookieStoreId: string, host: string) => b.loadInContainer!(cookieStoreId, origin.url('http', host));

  beforeAll(async () => {
    [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
    b = await launchZoneBrowser('firefox', { prefs: { 'privacy.userContext.enabled': true } });
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await b.connect('de-fra');
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  it('two containers leave through two regions of their own, and nothing of theirs goes direct', async ({ task }) => {
    // Control 1: no container setting yet, both containers leave through the connected region.
    expect(await load(PERSONAL, 'before-a.containers.test')).toBe('127.0.0.2');
    expect(await load(WORK, 'before-b.containers.test')).toBe('127.0.0.2');
    const before = [...regionsFor('before-a.containers.test'), ...regionsFor('before-b.containers.test')];
    requirePositive(before.length === 2 && before.every((r) => r === 'de-fra'), 'both containers via de-fra');

    // The user's choices, in the options page's Containers section.
    await b.ui.open('options');
    await waitUntil(async () => (await b.ui.text()).includes('Containers'), 15_000);
    await b.ui.select('Personal', 'Japan');
    await b.ui.select('Work', 'United States');
    await b.ui.select('Banking', 'Go direct (no VPN)');
    const want = { [PERSONAL]: { regionId: 'jp-tyo' }, [WORK]: { regionId: 'us-nyc' }, [BANKING]: 'direct' };
    await waitUntil(
      async () => JSON.stringify((await b.ui.ask<{ choices: object }>('containers')).choices) === JSON.stringify(want),
      15_000,
    );

    // Control 2: the container set to direct is seen by the direct oracle.
    const direct = await load(BANKING, 'direct.containers.test');
    const seen = origin.directHits('direct.containers.test').length;
    recordLeak(task, { browser: 'firefox', positiveControl: direct === '127.0.0.1' && seen > 0 });
    requirePositive(direct === '127.0.0.1' && seen > 0, 'a direct load from the container set to direct');

    const since = Date.now();
    const a = await load(PERSONAL, 'a.containers.test');
    const bb = await load(WORK, 'b.containers.test');
    const other = await b.load(origin.url('http', 'default.containers.test'));
    const leaked = origin.directConnections(since).length;
    recordLeak(task, {
      browser: 'firefox',
      directConnections: leaked,
      note: `Personal via ${regionsFor('a.containers.test')}, Work via ${regionsFor('b.containers.test')}, no container via ${regionsFor('default.containers.test')}`,
    });
    expect([a, bb, other]).toEqual(['127.0.0.2', '127.0.0.2', '127.0.0.2']);
    expect(regionsFor('a.containers.test')).toEqual(['jp-tyo']);
    expect(regionsFor('b.containers.test')).toEqual(['us-nyc']);
    expect(regionsFor('default.containers.test')).toEqual(['de-fra']);
    expect(origin.directHits('a.containers.test')).toEqual([]);
    expect(origin.directHits('b.containers.test')).toEqual([]);
    expect(leaked).toBe(0);
  });
});
