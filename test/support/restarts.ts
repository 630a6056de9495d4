/**
 * Restarts, per browser, for test/e2e/restart.e2e.ts: how each browser stops the extension's
 * background and restarts on a profile it keeps. One interface, two implementations, each with its
 * own launch (threats F8, F10):
 * - Chromium: the service worker stopped with CDP ServiceWorker.stopAllWorkers (what Chromium does
 *   after 30 s idle); the browser closed and started again on its profile.
 * - Firefox ESR: the event page suspended by Firefox itself after a short idle timeout, with no page
 *   of ours open. A temporary add-on would not survive a restart, so the add-on is installed for
 *   good in a profile that outlives the browser. Over WebDriver BiDi Firefox restores no session
 *   after a normal quit (test/e2e/leaks/firefox-restarts.e2e.ts), so a restart is a kill once the
 *   session is on disk (test/support/firefox-process.ts); the session brings back the extension's
 *   tab, the only way to see the popup again (BiDi cannot open moz-extension:// pages).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { launchChromium, type ChromiumSession } from './chromium';
import * as chromiumFlows from './chromium-flows';
import {
  byButton,
  byLabel,
  extensionTab,
  FIREFOX_TEST_PREFS,
  installPermanently,
  packTestBuild,
  openExtensionPage,
  waitFor,
} from './firefox';
import * as firefoxFlows from './firefox-flows';
import { startFirefoxOn, type OwnFirefox } from './firefox-process';
import { leaveExtension } from './oracles/firefox-ext';
import type { Origin } from './origin';
import { statusContains, type BrowserName } from './zone-browser';

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
  ui: RestartUi;
  /** Loads a test site in a new tab: the address the origin saw (127.0.0.2 = through the proxy). */
  visit(origin: Origin, host: string): Promise<string>;
  /** The background stops as the browser stops an idle one, with no page of ours left open. */
  stopBackground(): Promise<void>;
  /** The browser goes down and starts again on the same profile; `ui` then shows its tab again. */
  restart(): Promise<void>;
  /**
   * What the first page after a start may meet besides the proxy: Chromium's start-up gate blocks a
   * page that beats the service worker; Firefox holds it until the primed proxy listener answers.
   */
  heldAtStart: RegExp | null;
  close(): Promise<void>;
}

/** A browser with the extension pointed at the provider, logged in and connected to `regionId`. */
export function launchRestartable(name: BrowserName, accountUrl: string, regionId: string): Promise<Restartable> {
  return name === 'chromium' ? chromiumRestartable(accountUrl, regionId) : firefoxRestartable(accountUrl, regionId);
}

async function chromiumRestartable(accountUrl: string, regionId: string): Promise<Restartable> {
  let browser: ChromiumSession = await chromiumFlows.launchConnected(accountUrl, regionId);
  let page: PlaywrightPage | null = null;
  const tab = async () => (page && !page.isClosed() ? page : (page = await browser.context.newPage()));
  const ui: RestartUi = {
    /** In a fresh tab, the one before closed: as a user opens the popup (only one of ours is open). */
    async open(which) {
      await page?.close();
      page = null;
      await (await tab()).goto(`chrome-extension://${browser.extensionId}/${which}/${which}.html`);
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
    ui,
    visit: (origin, host) => chromiumFlows.visit(browser, origin, host),
    async stopBackground() {
      await page?.close();
      const cdpPage = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(cdpPage);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdpPage.close();
    },
    async restart() {
      const profile = browser.userDataDir;
      // No page of ours open at the quit. With auto-connect on and the VPN off, the first page
      // after a start would race the worker's auto-connect: while this file kept one tab of ours
      // open across options and popup, it went direct in 4 runs of 6, until the start-up gate was
      // kept armed for such a start (src/background/proxy-mode.ts `holdNextStart`).
      await page?.close();
      await browser.close({ keepProfile: true });
      page = null;
      browser = await launchChromium({ userDataDir: profile });
    },
    heldAtStart: /ERR_BLOCKED_BY_CLIENT/,
    close: () => browser.close(),
  };
}

const IDLE_MS = 3_000;
const FIREFOX_PREFS = {
  ...FIREFOX_TEST_PREFS,
  // ESR accepts an unsigned add-on when asked to; a permanent install needs that.
  'xpinstall.signatures.required': false,
  'extensions.background.idle.timeout': IDLE_MS,
  // Restore the session after the kill (crash recovery, written every 500 ms).
  'browser.startup.page': 3,
  'browser.sessionstore.resume_from_crash': true,
  'browser.sessionstore.interval': 500,
  'browser.sessionstore.max_resumed_crashes': 1_000,
};

async function firefoxRestartable(accountUrl: string, regionId: string): Promise<Restartable> {
  const profile = mkdtempSync(join(tmpdir(), 'zone-firefox-profile-'));
  const packed = packTestBuild();
  let firefox: OwnFirefox = await startFirefoxOn(profile, FIREFOX_PREFS);
  let page: PuppeteerPage = await installPermanently(firefox.browser, packed.xpi);
  await firefoxFlows.useAccountService(page, accountUrl);
  await firefoxFlows.logIn(page);
  await firefoxFlows.connect(page, regionId);
  /** Set while the extension's tab is left for about:blank: brings it back. */
  let backToExtension: (() => Promise<void>) | null = null;
  const onExtension = async () => {
    await backToExtension?.();
    backToExtension = null;
    return page;
  };
  const ui: RestartUi = {
    open: async (which) => openExtensionPage(await onExtension(), `${which}/${which}.html`),
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
    ui,
    visit: (origin, host) => firefoxFlows.visit(firefox, origin, host),
    async stopBackground() {
      // No page of ours keeps the event page awake; Firefox suspends it after the idle timeout.
      backToExtension ??= await leaveExtension(page);
      await sleep(IDLE_MS * 3);
    },
    async restart() {
      await onExtension();
      // The session store writes a moment after the last change: give it time before the kill.
      await sleep(3_000);
      await firefox.kill();
      firefox = await startFirefoxOn(profile, FIREFOX_PREFS);
      page = await extensionTab(firefox.browser);
    },
    heldAtStart: null,
    async close() {
      await firefox.kill();
      rmSync(profile, { recursive: true, force: true });
      packed.remove();
    },
  };
}
