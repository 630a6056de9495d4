/**
 * Lifecycle leak scenarios in Chromium (threats T15, T16, T17, T34, T37; F7, F8, F10): extension
 * reload while a page polls, repeated browser restarts and worker suspensions while connected,
 * an offline start (account service down, cached regions), corrupted storage. "Connected" lasts
 * from the user's Connect to the user's Disconnect: whatever happens in between, a request goes
 * through the proxy or fails, never direct. The account service sits behind a switchable gate.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, useAccountService } from '../../support/chromium-flows';
import { recordLeak } from '../../support/leak-report';
import { startAccountGate, type AccountGate } from '../../support/oracles/account-gate';
import { launchLeakChromium, load, type LeakChromium } from '../../support/oracles/chromium-leak';
import { createErrorOracle } from '../../support/oracles/errors';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { DEMO, startTestProvider, type TestProvider } from '../../support/provider';
import type { ExtGlobal } from '../../support/oracles/ext-chrome';
import { ask, controlPage, CYCLES_TIMEOUT_MS, requirePositive, RESTARTS, sleep } from './harness';

const REGION = 'us-nyc';
const BYPASSED = 'direct.bank.test';
let provider: TestProvider;
let origin: LeakOrigin;
let gate: AccountGate;
let browser: LeakChromium;
let ctl: Page;
const errors = createErrorOracle();

const blocked = (outcome: string) => outcome.startsWith('failed') || outcome.startsWith('HTTP');
const unauthorizedFor = (host: string) => provider.eventsFor(host).filter((e) => !e.authorized).length;

async function relaunch(): Promise<void> {
  const profile = browser.userDataDir;
  await browser.close({ keepProfile: true });
  browser = await launchLeakChromium({ userDataDir: profile });
  errors.watchContext(browser.context, browser.extensionId);
  await errors.watchWorker(browser.worker);
}

/** A page on `host` that fetches its own origin every 100 ms; returns a stop function. */
async function poll(host: string): Promise<() => Promise<void>> {
  const page = await browser.context.newPage();
  await page.goto(origin.url('http', host));
  await page.evaluate(() => {
    let n = 0;
    (globalThis as unknown as { __poll: unknown }).__poll = setInterval(
      () => void fetch(`/poll/${n++}`, { cache: 'no-store' }).catch(() => undefined),
      100,
    );
  });
  return async () => void (await page.close());
}

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
  gate = await startAccountGate(provider.accountUrl);
  browser = await launchLeakChromium();
  errors.watchContext(browser.context, browser.extensionId);
  await errors.watchWorker(browser.worker);
  await useAccountService(browser, gate.url);
  ctl = await controlPage(browser);
  await logIn(ctl);
  await ctl.getByRole('button', { name: 'Connect' }).waitFor();
  await ask(ctl, 'addBypass', { pattern: BYPASSED });
  await ask(ctl, 'connect', { regionId: REGION });
  await ctl.close();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close(), gate?.close()]);
});

describe('Chromium leak suite: lifecycle', () => {
  it('extension reload while a page polls every 100 ms: nothing direct', async ({ task }) => {
    const stopControl = await poll(BYPASSED);
    await sleep(600);
    await stopControl();
    const seen = origin.directHits(BYPASSED).length > 0;
    recordLeak(task, { browser: 'chromium', positiveControl: seen });
    requirePositive(seen, 'direct polls from a bypassed page');

    const stop = await poll('poll-reload.test');
    await sleep(500);
    const old = await browser.workerNow();
    await old.evaluate(() => void ((globalThis as unknown as { __before: boolean }).__before = true));
    await browser.reloadExtension();
    // The extension is back when a worker without the mark answers.
    let reloaded = false;
    for (let i = 0; i < 100 && !reloaded; i++) {
      const w = await browser.workerNow().catch(() => null);
      reloaded =
        !!w && (await w.evaluate(() => !(globalThis as unknown as { __before?: boolean }).__before).catch(() => false));
      if (!reloaded) await sleep(100);
    }
    expect(reloaded, 'the extension came back after the reload').toBe(true);
    await sleep(2_000);
    await stop();
    await errors.watchWorker(await browser.workerNow());
    const hits = origin.hitsFor('poll-reload.test');
    const direct = origin.directHits('poll-reload.test').length;
    recordLeak(task, {
      browser: 'chromium',
      directConnections: direct,
      note: `${hits.length} polls reached the origin`,
    });
    expect(direct).toBe(0);
    expect(await load(browser, origin.url('http', 'after-reload.test'))).toBe('127.0.0.2');
  });

  it(
    `${RESTARTS} worker suspensions while connected: every first load proxied, at most one 407`,
    async ({ task }) => {
      const control = await load(browser, origin.url('http', BYPASSED));
      recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
      requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
      const outcomes: string[] = [];
      let worst407 = 0;
      for (let i = 0; i < RESTARTS; i++) {
        await browser.stopWorkers();
        const host = `s${i}.suspend.test`;
        const started = Date.now();
        const outcome = await load(browser, origin.url(i % 2 ? 'https' : 'http', host), 5_000);
        outcomes.push(`${outcome}@${Date.now() - started}ms`);
        worst407 = Math.max(worst407, unauthorizedFor(host));
      }
      const direct = outcomes.filter((o) => o.startsWith('127.0.0.1')).length;
      recordLeak(task, { browser: 'chromium', directConnections: direct, note: `max 407 per load ${worst407}` });
      expect(outcomes.filter((o) => !o.startsWith('127.0.0.2'))).toEqual([]);
      expect(worst407).toBeLessThanOrEqual(1);
    },
    CYCLES_TIMEOUT_MS,
  );

  it(
    `${RESTARTS} browser restarts while connected: first loads proxied or blocked, never direct, ≤ 1 407`,
    async ({ task }) => {
      const control = await load(browser, origin.url('http', BYPASSED));
      recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
      requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
      const firsts: string[] = [];
      let worst407 = 0;
      let slowest = 0;
      for (let i = 0; i < RESTARTS; i++) {
        await relaunch();
        const host = `r${i}.restart.test`;
        const t0 = Date.now();
        const first = await load(browser, origin.url('http', host), 5_000);
        firsts.push(first.slice(0, 40));
        expect(first === '127.0.0.2' || blocked(first), first).toBe(true);
        // Then it works within 5 s of the start, with at most one challenge on the proxy connection.
        let outcome = first;
        while (outcome !== '127.0.0.2' && Date.now() - t0 < 5_000)
          outcome = await load(browser, origin.url('http', host), 5_000);
        slowest = Math.max(slowest, Date.now() - t0);
        expect(outcome).toBe('127.0.0.2');
        worst407 = Math.max(worst407, unauthorizedFor(host));
      }
      const restartDirect = firsts.filter((f) => f.startsWith('127.0.0.1')).length;
      recordLeak(task, {
        browser: 'chromium',
        directConnections: restartDirect,
        note: `first loads: ${[...new Set(firsts)].join(' / ')}; max 407 ${worst407}; slowest ${slowest} ms`,
      });
      expect(restartDirect).toBe(0);
      expect(worst407).toBeLessThanOrEqual(1);
    },
    CYCLES_TIMEOUT_MS,
  );

  it('offline start: account service down at a browser restart; blocked until it returns, never direct', async ({
    task,
  }) => {
    const control = await load(browser, origin.url('http', BYPASSED));
    recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
    await gate.stop();
    await relaunch();
    const t0 = Date.now();
    const offline = [];
    for (const host of ['off1.offline.test', 'off2.offline.test'])
      offline.push(await load(browser, origin.url('http', host), 8_000));
    const popup = await browser.openPopup();
    const shown = (await popup.locator('main').textContent()) ?? '';
    await popup.close();
    await gate.start();
    let back = '';
    const t1 = Date.now();
    while (back !== '127.0.0.2' && Date.now() - t1 < 10_000)
      back = await load(browser, origin.url('http', 'back.offline.test'), 5_000);
    const direct =
      origin.directConnections(t0).filter(() => true).length -
      origin.directHits(BYPASSED).filter((h) => h.at >= t0).length;
    recordLeak(task, {
      browser: 'chromium',
      directConnections: direct,
      note: `offline loads: ${offline.map((o) => o.slice(0, 30)).join(' / ')}; back after ${Date.now() - t1} ms; popup: ${shown.slice(0, 40)}`,
    });
    expect(
      offline.every((o) => o === '127.0.0.2' || blocked(o)),
      offline.join('\n'),
    ).toBe(true);
    expect(direct).toBe(0);
    expect(back).toBe('127.0.0.2');
  });

  it('corrupted regions, region, bypass list and settings: after a worker restart, proxied or blocked, never direct', async ({
    task,
  }) => {
    const control = await load(browser, origin.url('http', BYPASSED));
    recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
    const worker = await browser.workerNow();
    await worker.evaluate(() =>
      (globalThis as unknown as ExtGlobal).chrome.storage.local.set({
        regions: '{',
        regionId: { $: 1 },
        bypass: 42,
        settings: 'null',
      }),
    );
    await browser.stopWorkers();
    const popup = await browser.openPopup(); // wakes the worker: it restores from the corrupted storage
    await sleep(1_000);
    await errors.watchWorker(await browser.workerNow());
    const t0 = Date.now();
    const outcomes = [
      await load(browser, origin.url('http', 'c1.corrupt.test'), 5_000),
      await load(browser, origin.url('https', 'c2.corrupt.test'), 5_000),
    ];
    const shown = (await popup.locator('main').textContent()) ?? '';
    await popup.close();
    const direct = origin.directConnections(t0).length;
    recordLeak(task, {
      browser: 'chromium',
      directConnections: direct,
      note: `loads ${outcomes.map((o) => o.slice(0, 20)).join(',')}; popup ${shown.slice(0, 40)}`,
    });
    expect(direct).toBe(0);
    expect(outcomes.every((o) => o === '127.0.0.2' || blocked(o))).toBe(true);
  });

  it('corrupted session and wantConnected while connected: after a worker restart, never direct (T17)', async ({
    task,
  }) => {
    const worker = await browser.workerNow();
    // The previous scenario corrupted the settings, so the service address fell back to the build's
    // default: the session, bound to the gate's service, was dropped (kill switch: blocked). Put the
    // user back where the scenario starts: signed in, connected, with the bypass list.
    const restore = await controlPage(browser);
    await ask(restore, 'updateSettings', { accountServiceUrl: gate.url });
    await ask(restore, 'login', { email: DEMO.email, password: DEMO.password });
    await ask(restore, 'connect', { regionId: REGION });
    await ask(restore, 'addBypass', { pattern: BYPASSED });
    await restore.close();
    const control = await load(browser, origin.url('http', BYPASSED));
    recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
    await worker.evaluate(() =>
      (globalThis as unknown as ExtGlobal).chrome.storage.local.set({ session: '{"token":', wantConnected: 'yes' }),
    );
    await browser.stopWorkers();
    const popup = await browser.openPopup();
    await sleep(1_000);
    await errors.watchWorker(await browser.workerNow());
    const t0 = Date.now();
    const outcome = await load(browser, origin.url('http', 'c3.corrupt.test'), 5_000);
    const shown = (await popup.locator('main').textContent()) ?? '';
    await popup.close();
    const direct = origin.directConnections(t0).length;
    recordLeak(task, {
      browser: 'chromium',
      directConnections: direct,
      note: `load ${outcome.slice(0, 20)}; popup ${shown.slice(0, 60)}`,
    });
    expect(direct, `went direct without the user's Disconnect; popup: ${shown.slice(0, 80)}`).toBe(0);
  });

  it('no uncaught error in the worker or our pages through all of the above (O9)', async ({ task }) => {
    await errors.drain(await browser.workerNow());
    recordLeak(task, { browser: 'chromium', positiveControl: 'n/a', directConnections: errors.errors.length });
    expect(errors.errors).toEqual([]);
  });
});
