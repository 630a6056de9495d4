/**
 * What happens to the extension's background over its life, for the lifecycle scenarios written
 * once for both browsers (test/e2e/leaks/lifecycle.e2e.ts): reload the extension, suspend the
 * background and prove a new instance answered, start it cold, write storage, and the uncaught-error
 * oracle (O9) that has to follow each new instance. One interface, two implementations chosen by
 * `zb.driver.name`:
 *
 * - Chromium (the leak launch, test/support/oracles/chromium-leak.ts): the service worker is stopped
 *   over CDP, the extension reloaded as chrome://extensions' Reload does, a cold start is a browser
 *   restart on the same profile; errors come from test/support/oracles/errors.ts.
 * - Firefox ESR (test/support/oracles/firefox-ext.ts): the event page is unloaded by its idle timeout
 *   (launch with LIFECYCLE_LAUNCH) while no page of ours is open, the temporary add-on reloaded with
 *   runtime.reload, and a cold start is that reload (a temporary add-on does not survive a browser
 *   restart: test/support/restarts.ts installs one for good); errors come from firefox-errors.ts.
 *
 * A new instance is proved, not assumed: a mark set on the background's global before must be gone
 * afterwards.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'playwright-core';
import { waitFor } from './firefox';
import type { LeakChromium } from './oracles/chromium-leak';
import { launchLeakChromium } from './oracles/chromium-leak';
import { followChromium } from './oracles/errors';
import { createFirefoxErrorOracle, errorsWithControl } from './oracles/firefox-errors';
import { backgroundMarked, isExtensionPage, leaveExtension, markBackground, type FxExt } from './oracles/firefox-ext';
import { DEMO } from './provider';
import type { LaunchOptions, ZoneBrowser } from './zone-browser';
import type { ViewState } from '../../src/shared/view-state';

/** Firefox's event-page idle timeout in these scenarios (the default is 30 s). */
const IDLE_MS = 1_500;

/** The launch the lifecycle scenarios need (the prefs are Firefox's; Chromium has none to set). */
export const LIFECYCLE_LAUNCH: LaunchOptions = {
  leak: true,
  prefs: { 'extensions.background.idle.timeout': IDLE_MS },
};

export interface BackgroundLifecycle {
  /**
   * Reloads the extension while the browser runs; resolves when a new background instance answers,
   * with the time it did. Chromium keeps the proxy setting across the reload; Firefox does not hold
   * requests while the listener is replaced (`reloadHoldsRequests`, docs/security.md).
   */
  reload(): Promise<number>;
  /** Whether requests sent during `reload` wait for the new background (false: a known gap). */
  reloadHoldsRequests: boolean;
  /**
   * Starts the background with nothing in memory or in storage.session, storage.local kept:
   * Chromium restarts the browser on its profile, Firefox reloads the temporary add-on.
   */
  startCold(): Promise<void>;
  /** What `startCold` is in this browser, for the report. */
  coldStart: string;
  /**
   * Unloads the background as the browser does when it is idle (no page of ours open). Returns a
   * function that opens our page again (which wakes the background, if nothing did meanwhile) and
   * tells whether a new instance answers.
   */
  suspend(): Promise<() => Promise<boolean>>;
  /**
   * The deadline of the first load after a suspension: Firefox holds it while the event page
   * starts again, Chromium keeps routing with the worker stopped.
   */
  wakeLoadMs: number;
  /**
   * Collects what the error oracle caught so far and watches the background running now. Call it
   * first once our page stays where the scenarios use it (after the login): in Firefox the
   * listeners live in the page that installed them, and a page navigated away leaves them dead.
   */
  checkpoint(): Promise<void>;
  /**
   * O9: everything the error oracle caught (`found`, taken); then its positive control: an uncaught
   * error and an unhandled rejection thrown in the background (`control`: what it caught of them,
   * `seen`: both).
   */
  errorsWithControl(): Promise<{ found: string[]; control: string[]; seen: boolean }>;
}

/** Where a lifecycle scenario starts: signed in at this account service, this bypass entry, connected here. */
export interface Connected {
  accountUrl: string;
  regionId: string;
  bypass: string;
}

/** Logged in, the bypass entry present, connected: whatever the previous scenario left. */
export async function ensureConnected(zb: ZoneBrowser, want: Connected): Promise<void> {
  const state = await zb.ui.ask<ViewState>('getState');
  // Corrupted settings fall back to the defaults, regions to none: put both back as a user would.
  if (state.settings.accountServiceUrl !== want.accountUrl)
    await zb.ui.ask('updateSettings', { accountServiceUrl: want.accountUrl });
  if (!state.email || !state.regions.some((r) => r.id === want.regionId))
    await zb.ui.ask('login', { email: DEMO.email, password: DEMO.password });
  if (!state.bypass.some((e) => e.pattern === want.bypass)) await zb.ui.ask('addBypass', { pattern: want.bypass });
  await zb.ui.ask('connect', { regionId: want.regionId });
}

/** Writes `items` into storage.local from our page (as a corrupted profile would hold them). */
export function writeStorage(zb: ZoneBrowser, items: Record<string, unknown>): Promise<void> {
  return zb.ui.run((set) => {
    const g = globalThis as unknown as Partial<FxExt> & { chrome?: FxExt['browser'] };
    return (g.browser ?? g.chrome!).storage.local.set(set);
  }, items);
}

export function backgroundLifecycle(zb: ZoneBrowser): BackgroundLifecycle {
  return zb.driver.name === 'chromium' ? chromiumLifecycle(zb, zb.driver.session) : firefoxLifecycle(zb);
}

type Marked = { __zoneMark?: boolean };

/**
 * Chromium: restarts the browser on the same profile and points `zb` at the new one. The page API
 * reads its session's members when called (test/support/zone-browser.ts), so the new browser is
 * swapped into that object; were it ever cached there, the next load would fail on the closed
 * browser, not pass.
 */
async function restartBrowser(zb: ZoneBrowser): Promise<void> {
  if (zb.driver.name !== 'chromium') throw new Error('restartBrowser: Chromium only');
  const session = leakSession(zb.driver.session);
  const profile = session.userDataDir;
  await session.close({ keepProfile: true });
  Object.assign(session, await launchLeakChromium({ userDataDir: profile }));
}

function leakSession(session: ZoneBrowser['driver']['session']): LeakChromium {
  if (!('stopWorkers' in session)) throw new Error('the lifecycle scenarios need the leak launch');
  return session as LeakChromium;
}

function chromiumLifecycle(zb: ZoneBrowser, launched: ZoneBrowser['driver']['session']): BackgroundLifecycle {
  const session = leakSession(launched);
  const follow = followChromium(() => session);
  const { errors, running } = follow;
  const mark = async () => {
    const worker = running() ?? (await session.workerNow());
    await errors.drain(worker);
    await worker.evaluate(() => void ((globalThis as Marked).__zoneMark = true));
  };
  /** Waits (10 s) for a worker without the mark: a new instance; watches it. */
  const newInstance = async (): Promise<boolean> => {
    const unmarked = (w: Worker) => w.evaluate(() => !(globalThis as Marked).__zoneMark).catch(() => false);
    const worker = await waitFor(async () => {
      const w = await session.workerNow(1_000).catch(() => null);
      return w && (await unmarked(w)) ? w : null;
    }, 10_000).catch(() => null);
    if (worker) await errors.watchWorker(worker);
    return worker !== null;
  };
  const ready = follow.watch();
  return {
    async reload() {
      await ready;
      await mark();
      await session.reloadExtension();
      if (!(await newInstance())) throw new Error('no new service worker after the reload');
      return Date.now();
    },
    reloadHoldsRequests: true,
    async startCold() {
      await ready;
      await follow.drain();
      await restartBrowser(zb);
      await follow.watch();
    },
    coldStart: 'browser restart',
    async suspend() {
      await ready;
      await mark();
      await zb.stopBackground!();
      return async () => {
        // A load answered by the worker (a proxy challenge) has woken it; else our popup does.
        if (!running()) await zb.ui.open('popup');
        return newInstance();
      };
    },
    wakeLoadMs: 5_000,
    async checkpoint() {
      await ready;
      const worker = running();
      if (worker) {
        await errors.drain(worker);
        await errors.watchWorker(worker);
      }
    },
    async errorsWithControl() {
      await ready;
      return follow.errorsWithControl();
    },
  };
}

function firefoxLifecycle(zb: ZoneBrowser): BackgroundLifecycle {
  if (zb.driver.name !== 'firefox') throw new Error('firefoxLifecycle: Firefox only');
  const { browser, extensionPage: ui } = zb.driver.session;
  const errors = createFirefoxErrorOracle();
  /**
   * runtime.reload closes every page of the add-on, our tab (zb.ui) among them: the tab leaves for
   * about:blank first and the background reloads itself a moment later; the tab the test build
   * opens for the new instance (src/background/main.ts) is closed, and ours goes back.
   */
  const reload = async (): Promise<number> => {
    await errors.drain(ui);
    await markBackground(ui);
    const before = new Set(await browser.pages());
    await ui.evaluate(async () => {
      const bg = (await (globalThis as unknown as FxExt).browser.runtime.getBackgroundPage()) as unknown as FxExt &
        typeof globalThis;
      const runtime = bg.browser.runtime;
      const reloadSelf = bg.Function.prototype.bind.call(runtime.reload, runtime) as () => void;
      bg.setTimeout(reloadSelf, 300);
    });
    const back = await leaveExtension(ui);
    const opened = await waitFor(async () => {
      for (const page of await browser.pages()) if (!before.has(page) && (await isExtensionPage(page))) return page;
      return null;
    }, 30_000);
    const upAt = Date.now();
    await opened.close();
    await back();
    if (await backgroundMarked(ui)) throw new Error('the old background still answers after the reload');
    await errors.watch(ui);
    return upAt;
  };
  return {
    reload,
    reloadHoldsRequests: false,
    async startCold() {
      await reload();
    },
    coldStart: 'add-on reload',
    async suspend() {
      await errors.drain(ui);
      await markBackground(ui);
      const back = await leaveExtension(ui);
      await sleep(IDLE_MS * 2 + 1_500);
      return async () => {
        await back();
        const isNew = !(await backgroundMarked(ui));
        await errors.watch(ui);
        return isNew;
      };
    },
    wakeLoadMs: 15_000,
    async checkpoint() {
      await errors.drain(ui);
      await errors.watch(ui);
    },
    errorsWithControl: () => errorsWithControl(errors, ui),
  };
}
