/**
 * Restarts, per browser, for test/e2e/leaks/restarts.e2e.ts: how each browser stops the extension's
 * background and restarts on a profile it keeps. One interface, two implementations, each with its
 * own launch, the leak suite's (TLS test origins), since a restart needs a profile that outlives
 * the browser (threats F8, F10, T15, T16):
 * - Chromium: the service worker stopped with CDP ServiceWorker.stopAllWorkers (what Chromium does
 *   after 30 s idle); the browser closed and started again on its profile. Playwright's persistent
 *   launch opens a blank page at every start, so no tab is restored.
 * - Firefox ESR: the event page suspended by Firefox itself after a short idle timeout, with no page
 *   of ours open. A temporary add-on would not survive a restart, so the add-on is installed for
 *   good in a profile that outlives the browser. Over WebDriver BiDi Firefox restores no session
 *   after a normal quit (seen), so a restart is a kill once the session is on disk
 *   (test/support/firefox-process.ts), and every start restores the previous tabs, all at once:
 *   the extension's tab (the only way to see the popup again: BiDi cannot open moz-extension://
 *   pages) and any tab left open with `keepTab`.
 * Each implementation follows its background with the uncaught-error oracle (O9) across stops and
 * restarts: Chromium's test/support/oracles/errors.ts, Firefox's firefox-errors.ts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import * as chromiumFlows from './chromium-flows';
import {
  byButton,
  byLabel,
  extensionTab,
  installPermanently,
  newTab,
  openExtensionPage,
  packTestBuild,
  waitFor,
} from './firefox';
import * as firefoxFlows from './firefox-flows';
import { startFirefoxOn, type OwnFirefox } from './firefox-process';
import { launchLeakChromium, load as loadChromium, type LeakChromium } from './oracles/chromium-leak';
import { followChromium } from './oracles/errors';
import { createFirefoxErrorOracle, errorsWithControl } from './oracles/firefox-errors';
import { askFx, leaveExtension } from './oracles/firefox-ext';
import { LEAK_PREFS, loadFx } from './oracles/firefox-leak';
import { answered, send, statusContains, type BrowserName } from './zone-browser';

/** Our popup or options page in the extension's tab, driven as a user does. */
export interface RestartUi {
  open(page: 'popup' | 'options'): Promise<void>;
  /** Clicks the enabled button with this visible name, waiting for it. */
  click(button: string): Promise<void>;
  /** Waits for an enabled button with this visible name. */
  waitForButton(button: string): Promise<void>;
  /** Sets the checkbox whose label starts with `label`, and waits until it shows so. */
  check(label: string, on: boolean): Promise<void>;
  /** Waits until a live status region of the page contains `text`. */
  statusSays(text: string): Promise<void>;
  /** Runs a self-contained function in the page. */
  run<T>(fn: () => T | Promise<T>): Promise<T>;
}

export interface Restartable {
  name: BrowserName;
  ui: RestartUi;
  /**
   * Loads a URL in a fresh tab: the origin's `#from` text (127.0.0.2 = through the proxy), or
   * `failed: …` / `HTTP n`.
   */
  load(url: string, timeoutMs?: number): Promise<string>;
  /** Opens `url` in a tab that stays open (where `restoresTabs`, every later start loads it again). */
  keepTab(url: string): Promise<void>;
  /** Whether each start restores the tabs that were open (Firefox's session restore). */
  restoresTabs: boolean;
  /** The background stops as the browser stops an idle one, with no page of ours left open. */
  stopBackground(): Promise<void>;
  /** The browser goes down and starts again on the same profile; `ui` then shows its tab again. */
  restart(): Promise<void>;
  /**
   * What the first page after a start may meet besides the proxy: Chromium's start-up gate blocks a
   * page that beats the service worker; Firefox holds it until the primed proxy listener answers.
   */
  heldAtStart: RegExp | null;
  /**
   * O9: what the error oracle caught in the background and our pages since the launch (`found`,
   * taken), then its positive control: an uncaught error and an unhandled rejection thrown in the
   * background (`control`: what it caught of them, `seen`: both).
   */
  errorsWithControl(): Promise<{ found: string[]; control: string[]; seen: boolean }>;
  close(): Promise<void>;
}

/** Where the restarts start: signed in at this account service, this bypass entry, connected here. */
export interface RestartStart {
  accountUrl: string;
  regionId: string;
  bypass: string;
}

/** A browser with the extension pointed at the provider, logged in, `bypass` added, connected. */
export function launchRestartable(name: BrowserName, start: RestartStart): Promise<Restartable> {
  return name === 'chromium' ? chromiumRestartable(start) : firefoxRestartable(start);
}

async function chromiumRestartable({ accountUrl, regionId, bypass }: RestartStart): Promise<Restartable> {
  let browser: LeakChromium = await launchLeakChromium();
  const errors = followChromium(() => browser);
  const ours = () => `chrome-extension://${browser.extensionId}/`;
  await chromiumFlows.useAccountService(browser, accountUrl);
  let page: PlaywrightPage | null = await browser.openPopup();
  await chromiumFlows.logIn(page);
  await page.getByRole('button', { name: 'Connect', exact: true }).waitFor();
  answered('addBypass', await page.evaluate(send, { name: 'addBypass', input: { pattern: bypass } }));
  await chromiumFlows.connect(page, regionId);
  await errors.watch();
  const tab = async () => (page && !page.isClosed() ? page : (page = await browser.context.newPage()));
  const ui: RestartUi = {
    /** In a fresh tab, the one before closed: as a user opens the popup (only one of ours is open). */
    async open(which) {
      await page?.close();
      page = null;
      await (await tab()).goto(`${ours()}${which}/${which}.html`);
    },
    click: async (button) => (await tab()).getByRole('button', { name: button, exact: true }).click(),
    waitForButton: async (button) => (await tab()).getByRole('button', { name: button, exact: true }).waitFor(),
    async check(label, on) {
      const box = (await tab()).getByRole('checkbox', { name: label });
      await box.setChecked(on);
      await waitFor(async () => (await box.isChecked()) === on);
    },
    statusSays: async (text) => void (await (await tab()).waitForFunction(statusContains, text)),
    run: async (fn) => (await tab()).evaluate(fn),
  };
  return {
    name: 'chromium',
    ui,
    load: (url, timeoutMs) => loadChromium(browser, url, timeoutMs),
    keepTab: async (url) => void (await (await browser.context.newPage()).goto(url)),
    restoresTabs: false,
    async stopBackground() {
      await page?.close();
      await errors.drain();
      await browser.stopWorkers();
    },
    async restart() {
      // No page of ours open at the quit. With auto-connect on and the VPN off, the first page
      // after a start would race the worker's auto-connect: while a tab of ours stayed open across
      // options and popup, it went direct in 4 runs of 6, until the start-up gate was kept armed
      // for such a start (src/background/proxy-mode.ts `holdNextStart`).
      await page?.close();
      page = null;
      await errors.drain();
      const profile = browser.userDataDir;
      await browser.close({ keepProfile: true });
      browser = await launchLeakChromium({ userDataDir: profile });
      await errors.watch();
    },
    heldAtStart: /ERR_BLOCKED_BY_CLIENT/,
    errorsWithControl: () => errors.errorsWithControl(),
    close: () => browser.close(),
  };
}

const IDLE_MS = 3_000;
const FIREFOX_PREFS = {
  ...LEAK_PREFS,
  // ESR accepts an unsigned add-on when asked to; a permanent install needs that.
  'xpinstall.signatures.required': false,
  'extensions.background.idle.timeout': IDLE_MS,
  // Restore the session after the kill (crash recovery, written every 500 ms), every tab at once
  // rather than when selected.
  'browser.startup.page': 3,
  'browser.sessionstore.resume_from_crash': true,
  'browser.sessionstore.interval': 500,
  'browser.sessionstore.max_resumed_crashes': 1_000,
  'browser.sessionstore.restore_on_demand': false,
  'browser.sessionstore.restore_tabs_lazily': false,
  'browser.sessionstore.max_concurrent_tabs': 10,
};

/**
 * Waits (3 s at most) until Firefox's session file was written after `changedAt`: the session a
 * kill leaves behind then holds every tab change made before it.
 */
async function sessionSaved(profile: string, changedAt: number): Promise<void> {
  const file = join(profile, 'sessionstore-backups', 'recovery.jsonlz4');
  const savedAt = () => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };
  await waitFor(async () => savedAt() > changedAt, 3_000).catch(() => undefined);
}

async function firefoxRestartable({ accountUrl, regionId, bypass }: RestartStart): Promise<Restartable> {
  const profile = mkdtempSync(join(tmpdir(), 'zone-firefox-profile-'));
  const packed = packTestBuild();
  let firefox: OwnFirefox = await startFirefoxOn(profile, FIREFOX_PREFS);
  let page: PuppeteerPage = await installPermanently(firefox.browser, packed.xpi);
  const errors = createFirefoxErrorOracle();
  await firefoxFlows.useAccountService(page, accountUrl);
  await firefoxFlows.logIn(page);
  await askFx(page, 'addBypass', { pattern: bypass });
  await firefoxFlows.connect(page, regionId);
  await errors.watch(page);
  /** When a tab last opened, closed or navigated: the session file must be newer at a kill. */
  let changedAt = Date.now();
  const changed = <T>(result: T): T => ((changedAt = Date.now()), result);
  /** Set while the extension's tab is left for about:blank: brings it back. */
  let backToExtension: (() => Promise<void>) | null = null;
  const onExtension = async () => {
    if (backToExtension) {
      await backToExtension();
      backToExtension = null;
      changed(undefined);
      await errors.watch(page);
    }
    return page;
  };
  const ui: RestartUi = {
    async open(which) {
      await errors.release(await onExtension());
      await openExtensionPage(page, `${which}/${which}.html`);
      changed(undefined);
      await errors.watch(page);
    },
    click: async (button) => (await byButton(await onExtension(), button)).click(),
    waitForButton: async (button) => void (await byButton(await onExtension(), button)),
    async check(label, on) {
      const box = await byLabel(await onExtension(), label);
      if ((await box.evaluate((e) => (e as HTMLInputElement).checked)) !== on) await box.click();
      await waitFor(() => box.evaluate((e, want) => (e as HTMLInputElement).checked === want, on));
    },
    statusSays: async (text) => void (await waitFor(async () => (await onExtension()).evaluate(statusContains, text))),
    run: async (fn) => (await onExtension()).evaluate(fn),
  };
  return {
    name: 'firefox',
    ui,
    load: async (url, timeoutMs) => changed(await loadFx(firefox, url, timeoutMs)),
    keepTab: async (url) => changed(void (await (await newTab(firefox.browser)).goto(url))),
    restoresTabs: true,
    async stopBackground() {
      // No page of ours keeps the event page awake; Firefox suspends it after the idle timeout
      // (which takes the error listeners along: collect first).
      if (!backToExtension) {
        await errors.release(page);
        backToExtension = await leaveExtension(page);
      }
      await sleep(IDLE_MS * 3);
    },
    async restart() {
      await onExtension();
      await Promise.race([errors.drain(page), sleep(5_000)]);
      await sessionSaved(profile, changedAt);
      await firefox.kill();
      firefox = await startFirefoxOn(profile, FIREFOX_PREFS);
      page = await extensionTab(firefox.browser);
      changed(undefined);
      await Promise.race([errors.watch(page), sleep(5_000)]);
    },
    heldAtStart: null,
    errorsWithControl: async () => errorsWithControl(errors, await onExtension()),
    async close() {
      await firefox.kill();
      rmSync(profile, { recursive: true, force: true });
      packed.remove();
    },
  };
}
