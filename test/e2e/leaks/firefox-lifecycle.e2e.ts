/**
 * Lifecycle leak scenarios in Firefox ESR (threats T15, T16, T17, T34, T37; oracles O1, O9): an
 * extension reload while a page polls, idle suspensions of the event page, corrupted storage read
 * by a restarted background, and a background that starts while the account service is down.
 * "Connected" lasts from the user's Connect to the user's Disconnect: whatever happens in between,
 * a request goes through the proxy or fails, never direct. One browser for the file, with a short
 * event-page idle timeout; the account service sits behind a switchable gate.
 *
 * A suspension is proved, not assumed: a mark set on the background's global before leaving must be
 * gone afterwards (a new instance of the event page answered).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../support/firefox';
import { logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { startAccountGate, type AccountGate } from '../../support/oracles/account-gate';
import { createFirefoxErrorOracle, failInBackground } from '../../support/oracles/firefox-errors';
import {
  askFx,
  backgroundMarked,
  leaveExtension,
  markBackground,
  reloadExtension,
} from '../../support/oracles/firefox-ext';
import { directPollsSeen, launchLeakFirefox, loadFx, pollFx } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { DEMO, startTestProvider, type TestProvider } from '../../support/provider';
import type { ViewState } from '../../../src/shared/view-state';
import { requirePositive, RESTARTS, sleep } from './harness';

const REGION = 'us-nyc';
const BYPASSED = 'bank.test'; // and its subdomains
const IDLE_MS = 1_500;
let provider: TestProvider;
let origin: LeakOrigin;
let gate: AccountGate;
let firefox: FirefoxSession;
let ui: Page;
const errors = createFirefoxErrorOracle();

const blocked = (outcome: string) => outcome.startsWith('failed') || outcome.startsWith('no #from');
const unauthorizedFor = (host: string) => provider.eventsFor(host).filter((e) => !e.authorized).length;
const loadDirectControl = () => loadFx(firefox, origin.url('http', `control.${BYPASSED}`));

type View = Pick<ViewState, 'status' | 'email' | 'bypass' | 'settings' | 'regions'>;

/** Logged in, the bypass entry present, connected: whatever the previous scenario left. */
async function ensureConnected(): Promise<void> {
  const state = await askFx<View>(ui, 'getState');
  // Corrupted settings fall back to the defaults, regions to none: put both back as a user would.
  if (state.settings.accountServiceUrl !== gate.url) await askFx(ui, 'updateSettings', { accountServiceUrl: gate.url });
  if (!state.email || !state.regions.some((r) => r.id === REGION))
    await askFx(ui, 'login', { email: DEMO.email, password: DEMO.password });
  if (!state.bypass.some((b) => b.pattern === BYPASSED)) await askFx(ui, 'addBypass', { pattern: BYPASSED });
  await askFx(ui, 'connect', { regionId: REGION });
}

/**
 * Leaves our tab, waits past the idle timeout, runs `meanwhile` (whose requests wake the event
 * page), comes back; true when the background was indeed unloaded in between.
 */
async function suspended<T>(meanwhile: () => Promise<T>): Promise<{ value: T; suspended: boolean }> {
  await errors.drain(ui);
  await markBackground(ui);
  const back = await leaveExtension(ui);
  await sleep(IDLE_MS * 2 + 1_500);
  const value = await meanwhile();
  await back();
  const isNew = !(await backgroundMarked(ui));
  await errors.watch(ui);
  return { value, suspended: isNew };
}

const poll = (host: string) => pollFx(firefox, origin.url('http', host));

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
  gate = await startAccountGate(provider.accountUrl);
  firefox = await launchLeakFirefox({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  ui = firefox.extensionPage;
  await useAccountService(ui, gate.url);
  await logIn(ui);
  await ensureConnected();
  await errors.watch(ui);
});

afterEach(async () => {
  await errors.drain(ui);
  await errors.watch(ui);
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close(), gate?.close()]);
});

describe('Firefox leak suite: lifecycle', () => {
  /** Direct polls seen during the reload below (undefined until it ran to the end). */

  it('extension reload while a page polls every 100 ms: a new background answers, later loads proxied (gap: see below)', async ({
    task,
  }) => {
    const seen = await directPollsSeen(firefox, origin, `poll.${BYPASSED}`);
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, 'direct polls from a bypassed page');

    const host = 'poll-reload.leak.test';
    const stop = await poll(host);
    await sleep(500);
    await errors.drain(ui);
    await markBackground(ui);
    const t0 = Date.now();
    ui = await reloadExtension(firefox, ui);
    const tabAfter = Date.now() - t0;
    const reloaded = !(await backgroundMarked(ui));
    await errors.watch(ui);
    await sleep(2_000);
    await stop();
    const directAt = origin.directHits(host).map((h) => h.at - t0);
    const after = await loadFx(firefox, origin.url('http', 'after-reload.leak.test'));
    recordLeak(task, {
      browser: 'firefox',
      directConnections: directAt.length,
      note: `KNOWN Firefox reload gap (below); ${origin.hitsFor(host).filter((h) => h.at >= t0).length} polls after the reload began, direct at ${directAt.join(',') || '-'} ms; new tab after ${tabAfter} ms`,
    });
    expect(reloaded, 'a new background instance answered after the reload').toBe(true);
    expect(after).toBe('127.0.0.2');
    // Polls after the new background is up: all proxied.
    expect(origin.directHits(host).filter((h) => h.at >= t0 + tabAfter)).toEqual([]);
    // FINDING, a Firefox platform limitation: while an add-on is reloaded (runtime.reload,
    // about:debugging, or an update applied at once) the old instance's proxy.onRequest listener is
    // gone and the new background has not registered its own yet; Firefox holds requests for the
    // listener only at browser start and after an idle suspension, so a request in that gap (about
    // 100-200 ms, 1.1 s after the reload began) goes DIRECT. Whether a 100 ms poll falls into it
    // varies from run to run (0-2 seen), so the count is reported in the row, not asserted.
  });

  it(
    `${RESTARTS} event-page suspensions while connected: each new origin proxied, its 407 answered, at most one 407`,
    async ({ task }) => {
      await ensureConnected();
      const control = await loadDirectControl();
      recordLeak(task, { browser: 'firefox', positiveControl: control === '127.0.0.1' });
      requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
      const outcomes: string[] = [];
      let suspensions = 0;
      let worst407 = 0;
      let unanswered = 0;
      for (let i = 0; i < RESTARTS; i++) {
        const host = `s${i}.suspend.leak.test`;
        const round = await suspended(() => loadFx(firefox, origin.url(i % 2 ? 'https' : 'http', host), 15_000));
        outcomes.push(round.value);
        if (round.suspended) suspensions++;
        worst407 = Math.max(worst407, unauthorizedFor(host));
        if (!provider.eventsFor(host).some((e) => e.authorized && e.regionId === REGION)) unanswered++;
      }
      const direct = outcomes.filter((o) => o.startsWith('127.0.0.1')).length;
      recordLeak(task, {
        browser: 'firefox',
        directConnections: direct,
        note: `suspensions ${suspensions}/${RESTARTS}; max 407 per new origin ${worst407}; unanswered ${unanswered}`,
      });
      expect(suspensions, 'the event page was unloaded before every load').toBe(RESTARTS);
      expect(outcomes.filter((o) => o !== '127.0.0.2')).toEqual([]);
      expect(unanswered).toBe(0);
      expect(worst407).toBeLessThanOrEqual(1);
    },
    60_000 + RESTARTS * 30_000,
  ); // LEAK_RESTARTS=20 needs more than the default

  it('corrupted storage (garbage and wrong types) read by a restarted event page: proxied or blocked, never direct', async ({
    task,
  }) => {
    const corruptions: Record<string, unknown>[] = [
      { regions: '{', regionId: { $: 1 }, bypass: 42, settings: 'null' },
      { session: '{"token":', wantConnected: 'yes' },
    ];
    const notes: string[] = [];
    let direct = 0;
    let controls = 0;
    for (const [i, garbage] of corruptions.entries()) {
      await ensureConnected();
      if ((await loadDirectControl()) === '127.0.0.1') controls++;
      await ui.evaluate(
        (garbage) =>
          (
            globalThis as unknown as { browser: { storage: { local: { set(v: object): Promise<void> } } } }
          ).browser.storage.local.set(garbage),
        garbage,
      );
      const t0 = Date.now();
      const round = await suspended(async () => [
        await loadFx(firefox, origin.url('http', `c${i}a.corrupt.leak.test`), 8_000),
        await loadFx(firefox, origin.url('https', `c${i}b.corrupt.leak.test`), 8_000),
      ]);
      const state = await askFx<View>(ui, 'getState');
      direct += origin.directConnections(t0).length;
      notes.push(
        `${Object.keys(garbage).join('+')}: ${round.value.map((o) => o.slice(0, 16)).join(',')}; restarted ${round.suspended}; now ${state.status}`,
      );
      expect(round.suspended, 'the event page restarted on the corrupted storage').toBe(true);
      expect(
        round.value.every((o) => o === '127.0.0.2' || blocked(o)),
        round.value.join('\n'),
      ).toBe(true);
    }
    recordLeak(task, {
      browser: 'firefox',
      positiveControl: controls === corruptions.length,
      directConnections: direct,
      note: notes.join(' | '),
    });
    requirePositive(controls === corruptions.length, 'a direct load of a bypassed host before each corruption');
    expect(direct).toBe(0);
  });

  it('offline start: the background starts while connected with the account service down: proxied (cached regions) or blocked, never direct', async ({
    task,
  }) => {
    await ensureConnected();
    const control = await loadDirectControl();
    recordLeak(task, { browser: 'firefox', positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
    await gate.stop();
    const t0 = Date.now();
    const offline: string[] = [];
    let shown: string | undefined;
    let back = '';
    try {
      await errors.drain(ui);
      // A reload empties storage.session (no proxy credentials left) and starts the background anew.
      ui = await reloadExtension(firefox, ui);
      await errors.watch(ui);
      for (const host of ['off1.offline.leak.test', 'off2.offline.leak.test'])
        offline.push(await loadFx(firefox, origin.url('http', host), 8_000));
      shown = await ui.evaluate(() => document.querySelector('main')?.textContent ?? '');
    } finally {
      await gate.start();
    }
    const t1 = Date.now();
    while (back !== '127.0.0.2' && Date.now() - t1 < 15_000)
      back = await loadFx(firefox, origin.url('http', 'back.offline.leak.test'), 5_000);
    const direct =
      origin.directConnections(t0).length - origin.directHits(`control.${BYPASSED}`).filter((h) => h.at >= t0).length;
    recordLeak(task, {
      browser: 'firefox',
      directConnections: direct,
      note: `offline loads: ${offline.map((o) => o.slice(0, 30)).join(' / ')}; back after ${Date.now() - t1} ms; popup: ${(shown ?? '').slice(0, 50)}`,
    });
    expect(
      offline.every((o) => o === '127.0.0.2' || blocked(o)),
      offline.join('\n'),
    ).toBe(true);
    expect(direct).toBe(0);
    expect(back).toBe('127.0.0.2');
  });

  it('no uncaught error, unhandled rejection or console error in the background or our tab through all of the above (O9)', async ({
    task,
  }) => {
    await errors.drain(ui);
    const found = errors.errors.splice(0);
    await errors.watch(ui);
    await failInBackground(ui);
    await errors.drain(ui);
    const control = errors.errors.splice(0);
    const seen =
      control.some((e) => e.startsWith('background uncaught')) &&
      control.some((e) => e.includes('zone-probe rejection'));
    recordLeak(task, { browser: 'firefox', positiveControl: seen, directConnections: found.length });
    requirePositive(seen, `an uncaught error and a rejection thrown in the background (${control.join('; ')})`);
    expect(found).toEqual([]);
  });
});
