/**
 * Lifecycle leak scenarios in Chromium and Firefox ESR, written once over the page API
 * (test/support/zone-browser.ts) and the background's lifecycle (test/support/background-lifecycle.ts)
 * (threats T15, T16, T17, T34, T37; F7, F8, F10; oracles O1, O7, O9): an extension reload while a page
 * polls, background suspensions while connected, corrupted storage read by a restarted background,
 * and a background that starts cold while the account service is down. "Connected" lasts from the
 * user's Connect to the user's Disconnect: whatever happens in between, a request goes through the
 * proxy or fails, never direct. One browser per describe; the account service sits behind a
 * switchable gate. Browser restarts: restarts.e2e.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  backgroundLifecycle,
  ensureConnected,
  LIFECYCLE_LAUNCH,
  writeStorage,
  type BackgroundLifecycle,
} from '../../support/background-lifecycle';
import { recordLeak } from '../../support/leak-report';
import { startAccountGate, type AccountGate } from '../../support/oracles/account-gate';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { BROWSERS, isBlocked, launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import type { ViewState } from '../../../src/shared/view-state';
import { requirePositive, RESTARTS, sleep, SLOW_CYCLES_TIMEOUT_MS, requireNoErrors } from './harness';
import { startPolling } from './polling';

const REGION = 'us-nyc';
const BYPASSED = 'bank.test'; // and its subdomains
const CONTROL = `control.${BYPASSED}`;
/** Garbage and wrong types where the background keeps its state (threat T17). */
const CORRUPTIONS = [
  {
    title:
      'corrupted regions, region, bypass list and settings: after a background restart, proxied or blocked, never direct',
    garbage: { regions: '{', regionId: { $: 1 }, bypass: 42, settings: 'null' },
    hosts: ['c1.corrupt.leak.test', 'c2.corrupt.leak.test'],
  },
  {
    title: 'corrupted session and wantConnected while connected: after a background restart, never direct (T17)',
    garbage: { session: '{"token":', wantConnected: 'yes' },
    hosts: ['c3.corrupt.leak.test', 'c4.corrupt.leak.test'],
  },
];
const proxiedOrBlocked = (outcome: string) => outcome === '127.0.0.2' || isBlocked(outcome);

describe.each(BROWSERS)('%s leak suite: lifecycle', (name) => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  let gate: AccountGate;
  let b: ZoneBrowser;
  let life: BackgroundLifecycle;

  const unauthorizedFor = (host: string) => provider.eventsFor(host).filter((e) => !e.authorized).length;
  /** The positive control most scenarios start with: a bypassed host loads directly. */
  async function directControl(task: Parameters<typeof recordLeak>[0]): Promise<void> {
    const control = await b.load(origin.url('http', CONTROL));
    recordLeak(task, { browser: name, positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
  }
  /** A page on `host` that fetches its own origin every 100 ms; returns a function that closes it. */
  async function poll(host: string): Promise<() => Promise<void>> {
    const tab = await b.openTab(origin.url('http', host));
    await tab.run(startPolling);
    return () => tab.close();
  }

  /** Where each scenario starts (test/support/background-lifecycle.ts `ensureConnected`). */
  const connected = () => ensureConnected(b, { accountUrl: gate.url, regionId: REGION, bypass: BYPASSED });

  beforeAll(async () => {
    [provider, origin, b] = await Promise.all([
      startTestProvider(),
      startLeakOrigin(),
      launchZoneBrowser(name, LIFECYCLE_LAUNCH),
    ]);
    gate = await startAccountGate(provider.accountUrl);
    life = backgroundLifecycle(b);
    await b.useAccountService(gate.url);
    await b.logIn();
    await connected();
    await life.checkpoint();
  });

  // A background may be unloaded between scenarios: collect its errors and watch the one running now.
  afterEach(() => life.checkpoint());

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close(), gate?.close()]);
  });

  it('extension reload while a page polls every 100 ms: a new background answers, nothing direct (Firefox: a known gap, see below)', async ({
    task,
  }) => {
    const controlHost = `poll.${BYPASSED}`;
    const stopControl = await poll(controlHost);
    await sleep(600);
    await stopControl();
    const seen = origin.directHits(controlHost).length > 0;
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(seen, 'direct polls from a bypassed page');

    const host = 'poll-reload.leak.test';
    const stop = await poll(host);
    await sleep(500);
    const t0 = Date.now();
    const upAt = await life.reload();
    await sleep(2_000);
    await stop();
    const directAt = origin.directHits(host).map((h) => h.at - t0);
    const after = await b.load(origin.url('http', 'after-reload.leak.test'));
    recordLeak(task, {
      browser: name,
      directConnections: directAt.length,
      note: `${life.reloadHoldsRequests ? '' : 'KNOWN Firefox reload gap (below); '}${origin.hitsFor(host).filter((h) => h.at >= t0).length} polls after the reload began, direct at ${directAt.join(',') || '-'} ms; new background after ${upAt - t0} ms`,
    });
    expect(after).toBe('127.0.0.2');
    // Chromium: no poll direct at all. Firefox: none before the reload began nor after the new
    // background is up.
    const inGap = (at: number) => !life.reloadHoldsRequests && at >= t0 && at < upAt;
    expect(origin.directHits(host).filter((h) => !inGap(h.at))).toEqual([]);
    // FINDING, a Firefox platform limitation: while an add-on is reloaded (runtime.reload,
    // about:debugging, or an update applied at once) the old instance's proxy.onRequest listener is
    // gone and the new background has not registered its own yet; Firefox holds requests for the
    // listener only at browser start and after an idle suspension, so a request in that gap (a few
    // hundred ms, before the new background is up) goes DIRECT. Whether a 100 ms poll falls into it
    // varies from run to run (0-3 seen), so the count is reported in the row, not asserted.
  });

  it(
    `${RESTARTS} background suspensions while connected: each new origin proxied, its 407 answered, at most one 407`,
    async ({ task }) => {
      await connected();
      await directControl(task);
      const outcomes: string[] = [];
      let suspensions = 0;
      let worst407 = 0;
      let unanswered = 0;
      for (let i = 0; i < RESTARTS; i++) {
        const host = `s${i}.suspend.leak.test`;
        const resume = await life.suspend();
        const started = Date.now();
        const outcome = await b.load(origin.url(i % 2 ? 'https' : 'http', host), life.wakeLoadMs);
        outcomes.push(`${outcome}@${Date.now() - started}ms`);
        if (await resume()) suspensions++;
        worst407 = Math.max(worst407, unauthorizedFor(host));
        if (!provider.eventsFor(host).some((e) => e.authorized && e.regionId === REGION)) unanswered++;
      }
      const direct = outcomes.filter((o) => o.startsWith('127.0.0.1')).length;
      recordLeak(task, {
        browser: name,
        directConnections: direct,
        note: `suspensions ${suspensions}/${RESTARTS}; max 407 per new origin ${worst407}; unanswered ${unanswered}`,
      });
      expect(suspensions, 'a new background answered after every suspension').toBe(RESTARTS);
      expect(outcomes.filter((o) => !o.startsWith('127.0.0.2@'))).toEqual([]);
      expect(unanswered).toBe(0);
      expect(worst407).toBeLessThanOrEqual(1);
    },
    SLOW_CYCLES_TIMEOUT_MS,
  );

  /**
   * `garbage` written into storage.local while connected; a new background instance reads it
   * (suspension, then our page opened again); then loads over HTTP and HTTPS: proxied or blocked,
   * never direct.
   */
  for (const { title, garbage, hosts } of CORRUPTIONS)
    it(title, async ({ task }) => {
      await connected();
      await directControl(task);
      const t0 = Date.now();
      await writeStorage(b, garbage);
      const resume = await life.suspend();
      const restarted = await resume();
      await sleep(1_000);
      const outcomes: string[] = [];
      for (const [i, host] of hosts.entries())
        outcomes.push(await b.load(origin.url(i % 2 ? 'https' : 'http', host), 8_000));
      const state = await b.ui.ask<ViewState>('getState');
      const shown = await b.ui.text();
      const direct = origin.directConnections(t0).length;
      recordLeak(task, {
        browser: name,
        directConnections: direct,
        note: `${Object.keys(garbage).join('+')}: loads ${outcomes.map((o) => o.slice(0, 20)).join(',')}; restarted ${restarted}; now ${state.status}; popup ${shown.slice(0, 40)}`,
      });
      expect(restarted, 'a new background read the corrupted storage').toBe(true);
      expect(direct, `went direct without the user's Disconnect; popup: ${shown.slice(0, 80)}`).toBe(0);
      expect(outcomes.every(proxiedOrBlocked), outcomes.join('\n')).toBe(true);
    });

  it('offline start: the background starts cold while connected with the account service down: proxied (cached regions) or blocked, never direct', async ({
    task,
  }) => {
    await connected();
    await directControl(task);
    await gate.stop();
    const t0 = Date.now();
    const offline: string[] = [];
    let shown: string | undefined;
    let back = '';
    try {
      await life.startCold();
      for (const host of ['off1.offline.leak.test', 'off2.offline.leak.test'])
        offline.push(await b.load(origin.url('http', host), 8_000));
      shown = await b.ui.text(); // our popup, opened at the start
    } finally {
      await gate.start();
    }
    const t1 = Date.now();
    while (back !== '127.0.0.2' && Date.now() - t1 < 15_000)
      back = await b.load(origin.url('http', 'back.offline.leak.test'), 5_000);
    const direct = origin.directConnections(t0).length - origin.directHits(CONTROL).filter((h) => h.at >= t0).length;
    recordLeak(task, {
      browser: name,
      directConnections: direct,
      note: `${life.coldStart}; offline loads: ${offline.map((o) => o.slice(0, 30)).join(' / ')}; back after ${Date.now() - t1} ms; popup: ${(shown ?? '').slice(0, 50)}`,
    });
    expect(offline.every(proxiedOrBlocked), offline.join('\n')).toBe(true);
    expect(direct).toBe(0);
    expect(back).toBe('127.0.0.2');
  });

  it('no uncaught error, unhandled rejection or console error in the background or our pages through all of the above (O9)', async ({
    task,
  }) => {
    await requireNoErrors(task, name, () => life.errorsWithControl());
  });
});
