/**
 * Private windows, per browser, for test/e2e/leaks/private.e2e.ts: how a private page is opened and
 * how the user allows the extension there. One interface, two implementations, each with its own
 * launch (threats F13, T14):
 * - Chromium: incognito pages through the DevTools protocol (Target.createBrowserContext: an
 *   incognito profile of the same browser); "Allow in Incognito" reloads the extension, which the
 *   test does as DevTools does (Extensions.loadUnpacked with enableInIncognito).
 * - Firefox ESR: no private window can be opened over WebDriver BiDi, so the add-on is installed for
 *   good in a profile that outlives the browser, and private pages are loaded after a restart in
 *   permanent private browsing (every window private). The user's "Run in Private Windows: Allow" in
 *   about:addons adds `internal:privateBrowsingAllowed` to the profile's extension-preferences.json,
 *   which the test writes while the browser is closed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import * as chromiumFlows from './chromium-flows';
import {
  byButton,
  FIREFOX_TEST_PREFS,
  installPermanently,
  openExtensionPage,
  packTestBuild,
  textOf,
  waitFor,
} from './firefox';
import * as firefoxFlows from './firefox-flows';
import { launchLeakChromium, load } from './oracles/chromium-leak';
import { loadFx } from './oracles/firefox-leak';
import type { LeakOrigin } from './oracles/origins';
import { CHROMIUM_BUILD } from './paths';
import type { BrowserName } from './zone-browser';

export interface PrivateWindows {
  /** The popup's note on private windows while connected ('' when it shows none). */
  privateNote(): Promise<string>;
  /** Loads `url` in a regular window: the origin's #from text, or `failed: …`. */
  regular(url: string): Promise<string>;
  /** Loads a page on `host` in a private window: the address the origin saw it from. */
  visit(host: string, scheme?: 'http' | 'https'): Promise<string>;
  /** The user allows the extension in private windows; throws if it had been allowed already. */
  allow(): Promise<void>;
  close(): Promise<void>;
}

export interface PrivateWindowsSetup {
  accountUrl: string;
  regionId: string;
  origin: LeakOrigin;
}

/** A browser with the extension pointed at the provider, logged in and connected to `regionId`. */
export function launchPrivateWindows(name: BrowserName, setup: PrivateWindowsSetup): Promise<PrivateWindows> {
  return name === 'chromium' ? chromiumPrivate(setup) : firefoxPrivate(setup);
}

async function chromiumPrivate({ accountUrl, regionId, origin }: PrivateWindowsSetup): Promise<PrivateWindows> {
  const browser = await launchLeakChromium();
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  await chromiumFlows.useAccountService(browser, accountUrl);
  const popup = await browser.openPopup();
  await chromiumFlows.logIn(popup);
  await chromiumFlows.connect(popup, regionId);
  await popup.close();

  async function privateNote(): Promise<string> {
    const popup = await browser.openPopup();
    try {
      await popup.getByRole('button', { name: 'Disconnect' }).waitFor();
      const note = popup.locator('.private-note');
      return (await note.count()) ? ((await note.textContent()) ?? '') : '';
    } finally {
      await popup.close();
    }
  }
  const regular = (url: string) => load(browser, url);
  return {
    privateNote,
    regular,
    /** In a fresh incognito context; resolves once the origin saw it or after 8 s. */
    async visit(host, scheme = 'http') {
      const { browserContextId } = (await cdp.send('Target.createBrowserContext', {})) as {
        browserContextId: string;
      };
      try {
        await cdp.send('Target.createTarget', { url: origin.url(scheme, host), browserContextId });
        const hit = await waitFor(async () => origin.hitsFor(host)[0], 8_000).catch(() => null);
        return hit?.from ?? 'nothing arrived';
      } finally {
        await cdp.send('Target.disposeBrowserContext', { browserContextId });
      }
    },
    async allow() {
      if (!(await privateNote())) throw new Error('no private-window note: the extension was allowed already');
      // chrome://extensions' switch leaves a command-line-loaded extension disabled in Chromium 156,
      // so the extension is reloaded the way DevTools does, with incognito access on.
      const session = await browser.context.browser()!.newBrowserCDPSession();
      await session.send(
        'Extensions.loadUnpacked' as never,
        { path: CHROMIUM_BUILD, enableInIncognito: true } as never,
      );
      await session.detach();
      await waitFor(async () => !(await privateNote().catch(() => 'not yet')), 15_000);
      // The reload must leave regular windows protected as well.
      const after = await regular(origin.url('http', 'regular.private-check.test'));
      if (after !== '127.0.0.2') throw new Error(`after the reload, a regular window went ${after}`);
    },
    async close() {
      await cdp.detach().catch(() => undefined);
      await browser.close();
    },
  };
}

const ADDON_ID = 'zone-vpn@zone.test';
const PRIVATE_ALLOWED = 'internal:privateBrowsingAllowed';

async function firefoxPrivate({ accountUrl, regionId, origin }: PrivateWindowsSetup): Promise<PrivateWindows> {
  const profile = mkdtempSync(join(tmpdir(), 'zone-firefox-private-'));
  const packed = packTestBuild();
  const launch = (privateOnly: boolean) =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      acceptInsecureCerts: true,
      userDataDir: profile,
      extraPrefsFirefox: {
        ...FIREFOX_TEST_PREFS,
        // ESR accepts an unsigned add-on when asked to; a permanent install needs that.
        'xpinstall.signatures.required': false,
        'browser.privatebrowsing.autostart': privateOnly,
      },
    });
  let browser: Browser = await launch(false);
  /** The extension's tab, in the first (regular) start only: BiDi cannot open one later. */
  let ui: Page | null = await installPermanently(browser, packed.xpi);
  await firefoxFlows.useAccountService(ui, accountUrl);
  await firefoxFlows.logIn(ui);
  await firefoxFlows.connect(ui, regionId);
  let privateOnly = false;
  /** Starts the closed browser again, in permanent private browsing. */
  const startPrivate = async () => {
    ui = null;
    browser = await launch((privateOnly = true));
  };
  const regularOnly = (what: string) => {
    if (privateOnly) throw new Error(`${what}: Firefox runs in permanent private browsing now`);
    return ui!;
  };
  return {
    async privateNote() {
      const page = regularOnly('privateNote');
      await openExtensionPage(page, 'popup/popup.html');
      await byButton(page, 'Disconnect');
      return textOf(page, '.private-note');
    },
    async regular(url) {
      regularOnly('regular');
      return loadFx({ browser }, url);
    },
    async visit(host, scheme = 'http') {
      if (!privateOnly) {
        await browser.close();
        await startPrivate();
      }
      return loadFx({ browser }, origin.url(scheme, host));
    },
    async allow() {
      await browser.close();
      // What about:addons' "Allow" writes; Firefox reads it when the add-on starts.
      const file = join(profile, 'extension-preferences.json');
      const prefs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { permissions: string[] }>;
      const entry = prefs[ADDON_ID];
      if (!entry) throw new Error(`${ADDON_ID} is not in extension-preferences.json: the install did not persist`);
      if (entry.permissions.includes(PRIVATE_ALLOWED))
        throw new Error('the add-on was allowed in private windows already');
      entry.permissions.push(PRIVATE_ALLOWED);
      writeFileSync(file, JSON.stringify(prefs));
      // Firefox also keeps each add-on's permissions in its startup cache; the cache would win.
      rmSync(join(profile, 'startupCache'), { recursive: true, force: true });
      await startPrivate();
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
      packed.remove();
    },
  };
}
