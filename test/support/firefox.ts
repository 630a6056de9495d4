/**
 * Firefox ESR with the extension's test build, driven over WebDriver BiDi (puppeteer-core).
 * BiDi cannot navigate to moz-extension:// pages, so the test build opens its popup in a tab after
 * install and the tests find that tab (docs/browser-facts.md). DNS is forced to 127.0.0.1 and Firefox's
 * own background services are turned off, so only the test's hosts are loaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { AxePage, ColorScheme } from './axe';
import { FIREFOX_E2E_BUILD } from './paths';

export const FIREFOX_TEST_PREFS = {
  'network.dns.forceResolve': '127.0.0.1',
  'network.proxy.allow_hijacking_localhost': true,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // Ignored by release and ESR builds unless MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (services-settings
  // Utils.sys.mjs): remote settings still go to firefox.settings.services.mozilla.com, through the
  // extension's proxy when connected.
  'services.settings.server': 'http://127.0.0.1:9/',
  // The address bar's trust panel fetches the remote-settings breach list at every navigation and
  // tab switch (browser-trustPanel.js #checkForBreaches). Routed to our proxy and retried after a
  // logout, such a request meets a 407 with no credentials left, which Firefox does not let an
  // add-on cancel: it opened Firefox's proxy login dialog and hung the BiDi session (transitions
  // e2e). A browser background service like the others here (docs/security.md, limits).
  'browser.urlbar.trustPanel.featureGate': false,
  'extensions.getAddons.cache.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.newtabpage.enabled': false,
  'network.prefetch-next': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
};

export interface FirefoxSession {
  browser: Browser;
  /** The extension's own tab (the popup document, opened by the test build). */
  extensionPage: Page;
  close(): Promise<void>;
}

export async function launchFirefox(
  options: {
    prefs?: Record<string, unknown>;
    systemAccess?: boolean;
    /**
     * Accept any certificate (a test provider's self-signed TLS servers). Off by default: the
     * hostile-proxy scenario needs an untrusted proxy to stay untrusted.
     */
    insecureCerts?: boolean;
  } = {},
): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: options.insecureCerts ?? false,
    extraPrefsFirefox: { ...FIREFOX_TEST_PREFS, ...options.prefs },
    // Lets WebDriver BiDi evaluate in the browser's own (chrome) windows: setColorScheme needs it.
    args: options.systemAccess ? ['-remote-allow-system-access'] : [],
  });
  await browser.installExtension(FIREFOX_E2E_BUILD);
  return { browser, extensionPage: await extensionTab(browser), close: () => browser.close() };
}

/** The extension's own tab, which the test build opens after install. */
export function extensionTab(browser: Browser): Promise<Page> {
  return waitFor(async () => {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://')) return page;
    }
    return null;
  });
}

/** The test build packed as an .xpi (web-ext build) in a new temp folder, which `remove` deletes. */
export function packTestBuild(): { xpi: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'zone-xpi-'));
  execFileSync('npx', ['web-ext', 'build', '-s', FIREFOX_E2E_BUILD, '-a', folder, '-n', 'zone.xpi', '-o'], {
    stdio: 'ignore',
  });
  return { xpi: join(folder, 'zone.xpi'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Installs a packed build for good (a temporary add-on would not survive a restart), as BiDi's
 * Firefox extension `moz:permanent` allows; returns the extension's tab.
 */
export async function installPermanently(browser: Browser, xpiPath: string): Promise<Page> {
  const connection = (browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } })
    .connection;
  await connection.send('webExtension.install', {
    extensionData: { type: 'archivePath', path: xpiPath },
    'moz:permanent': true,
  });
  return extensionTab(browser);
}

/**
 * A new tab in `where` (the browser or a container). Firefox can replace a new tab's initial
 * about:blank while BiDi's browsingContext.create still waits for it, and the create fails with
 * "DiscardedBrowsingContextError" (docs/browser-facts.md): that tab is asked for once more.
 */
export async function newTab(where: { newPage(): Promise<Page> }): Promise<Page> {
  try {
    return await where.newPage();
  } catch (error) {
    if (!String(error).includes('DiscardedBrowsingContext')) throw error;
    return where.newPage();
  }
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens another page of the extension in its tab (same-origin navigation from inside). */
export async function openExtensionPage(page: Page, path: string): Promise<void> {
  // The old document carries a mark, so a reload of the same page is not mistaken for its end.
  await page.evaluate((p) => {
    (window as unknown as { __zoneLeaving: boolean }).__zoneLeaving = true;
    location.href = `/${p}`;
  }, path);
  await waitFor(() =>
    page
      .evaluate(
        (p) =>
          !(window as unknown as { __zoneLeaving?: boolean }).__zoneLeaving &&
          location.pathname + location.search === `/${p}` &&
          document.readyState === 'complete' &&
          !!document.querySelector('main') &&
          typeof (globalThis as unknown as { browser?: unknown }).browser === 'object',
        path,
      )
      .catch(() => false),
  );
}

/**
 * The form control whose <label> starts with `name`, inside the label or named by its `for`: how a
 * user (and a screen reader) finds it.
 */
export async function byLabel(page: Page, name: string): Promise<ElementHandle<Element>> {
  return waitFor(async () => {
    const handle = await page.evaluateHandle((n) => {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(n));
      if (label?.htmlFor) return document.getElementById(label.htmlFor);
      return label?.querySelector('input,select,textarea') ?? null;
    }, name);
    return (handle.asElement() as ElementHandle<Element> | null) ?? null;
  });
}

/** A button by its visible name. */
export async function byButton(page: Page, name: string): Promise<ElementHandle<Element>> {
  return waitFor(async () => {
    const handle = await page.evaluateHandle((n) => {
      return (
        [...document.querySelectorAll('button')].find(
          (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === n && !b.disabled,
        ) ?? null
      );
    }, name);
    return (handle.asElement() as ElementHandle<Element> | null) ?? null;
  });
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);
}

type BiDi = { send(method: string, params: object): Promise<{ result: unknown }> };

/**
 * Sets the colour scheme every page of the browser reports (prefers-color-scheme). Puppeteer's
 * emulateMediaFeatures needs CDP, which Firefox does not speak; BiDi has no such emulation in this
 * ESR. So the content override pref (0 dark, 1 light) is set from a script in a chrome window,
 * which BiDi only allows when Firefox was launched with `systemAccess`. Pages follow a moment later.
 */
export async function setColorScheme(browser: Browser, scheme: ColorScheme): Promise<void> {
  const bidi = (browser as unknown as { connection: BiDi }).connection;
  const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    result: { contexts: { context: string }[] };
  };
  const chrome = tree.result.contexts[0];
  if (!chrome) throw new Error('no chrome window: launch Firefox with systemAccess (zone-browser `audit`)');
  const value = scheme === 'dark' ? 0 : 1;
  const answer = (await bidi.send('script.evaluate', {
    expression: `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${value})`,
    target: { context: chrome.context },
    awaitPromise: false,
  })) as { result: { type: string; exceptionDetails?: { text: string } } };
  if (answer.result.type !== 'success') throw new Error(`setColorScheme: ${answer.result.exceptionDetails?.text}`);
}

/** A Puppeteer page for axe (support/axe.ts): the scheme is the browser's, waited for in this page. */
export function axePage(browser: Browser, page: Page): AxePage {
  return {
    evaluate: (source) => page.evaluate(source),
    async colorScheme(scheme) {
      await setColorScheme(browser, scheme);
      await waitFor(
        () => page.evaluate((dark) => matchMedia('(prefers-color-scheme: dark)').matches === dark, scheme === 'dark'),
        5_000,
      );
    },
  };
}
