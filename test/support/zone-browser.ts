/**
 * One page API over both test browsers, so a scenario is written once and runs in Chromium
 * (Playwright) and Firefox ESR (Puppeteer over WebDriver BiDi): `describe.each(BROWSERS)`.
 * Each browser keeps its own driver and launch (test/support/chromium.ts, firefox.ts and the leak
 * launches in oracles/); this file only maps the same user steps onto them. What one browser
 * cannot do is an optional member (`stopBackground`), never a silent no-op.
 */
import { mkdirSync } from 'node:fs';
import { setTimeout as pause } from 'node:timers/promises';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';
import { axeViolations } from './axe';
import * as chromiumFlows from './chromium-flows';
import { axePage, launchChromium, type ChromiumSession } from './chromium';
import { CHROMIUM_E2E_BUILD, ROOT } from './paths';
import {
  axePage as axePageFx,
  byButton,
  byLabel,
  launchFirefox,
  newTab,
  openExtensionPage,
  waitFor,
  type FirefoxSession,
} from './firefox';
import * as firefoxFlows from './firefox-flows';
import {
  launchLeakChromium,
  load as loadChromium,
  wsProbe as wsProbeChromium,
  type LeakChromium,
} from './oracles/chromium-leak';
import { launchLeakFirefox, loadFx, wsProbeFx } from './oracles/firefox-leak';
import type { LeakOrigin } from './oracles/origins';
import { mozLogResolver, netLogResolver, type ResolverLog } from './oracles/resolver-log';
import { firstWebSocketMessage } from './oracles/ws-probe';

export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** One of our extension pages, kept open in a tab, driven as a user does. */
export interface ExtensionPage {
  /** Navigates the ui tab to one of our pages; `query` such as `?tab=12`. */
  open(page: 'popup' | 'options', query?: string): Promise<void>;
  /** Clicks the enabled button (or switch) with this visible name, waiting for it. */
  click(button: string): Promise<void>;
  /** Waits until some live status region of the page contains `text`. */
  statusSays(text: string, timeoutMs?: number): Promise<void>;
  /** The page's text (what a user can read). */
  text(): Promise<string>;
  /** The text of every element matching `selector`, in document order. */
  texts(selector: string): Promise<string[]>;
  /** Sends a request to the background as our pages do; throws the background's error message. */
  ask<T = unknown>(name: string, input?: unknown): Promise<T>;
  /** Types into the form field whose label starts with `label`, replacing what it held. */
  fill(label: string, value: string): Promise<void>;
  /** Sets the checkbox whose label starts with `label`. */
  check(label: string, on: boolean): Promise<void>;
  /** Picks, in the select whose label starts with `label`, the option whose text contains `option`. */
  select(label: string, option: string): Promise<void>;
  /** Waits for an enabled button with this visible name. */
  waitForButton(button: string, timeoutMs?: number): Promise<void>;
  /** Popup: picks a region as a keyboard user does (type into the Region combobox, Enter). */
  chooseRegion(regionId: string): Promise<void>;
  /** Runs a function in the page (a self-contained one: it is serialised). */
  run<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Waits until the page's text contains `text`. */
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  /**
   * axe-core on the page in light and dark (Firefox: launch option `audit`), each photographed
   * (its <main>) as `imageName`(-dark).png in the browser's folder (IMAGES); the violations, summarised.
   */
  audit(imageName: string): Promise<string[]>;
}

/** A web page in its own tab. */
export interface Tab {
  run<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** As ExtensionPage.audit. */
  audit(imageName: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Where each browser's pictures of our pages go: the README shows Chromium's. */
export const IMAGES: Record<BrowserName, string> = {
  chromium: `${ROOT}docs/images`,
  firefox: `${ROOT}docs/images/firefox`,
};

function imagePath(name: BrowserName, imageName: string, scheme: 'light' | 'dark'): string {
  mkdirSync(IMAGES[name], { recursive: true });
  return `${IMAGES[name]}/${imageName}${scheme === 'dark' ? '-dark' : ''}.png`;
}

function auditChromium(page: PlaywrightPage, imageName: string): Promise<string[]> {
  return page
    .locator('main')
    .waitFor()
    .then(() =>
      axeViolations(axePage(page), async (scheme) => {
        await page
          .locator('main')
          .screenshot({ path: imagePath('chromium', imageName, scheme), animations: 'disabled' });
      }),
    );
}

async function auditFirefox(browser: PuppeteerBrowser, page: PuppeteerPage, imageName: string): Promise<string[]> {
  await waitFor(() => page.$('main'));
  return axeViolations(axePageFx(browser, page), async (scheme) => {
    const main = await page.$('main');
    await main!.screenshot({ path: imagePath('firefox', imageName, scheme) as `${string}.png` });
  });
}

/** What `webTabs` needs of either driver's page (Playwright's or Puppeteer's). */
interface DriverPage {
  goto(url: string): Promise<unknown>;
  evaluate(fn: never, arg: never): Promise<unknown>;
  close(options?: { runBeforeUnload?: boolean }): Promise<void>;
}

/** `openTab` and `glance` over a driver's fresh pages. */
function webTabs<P extends DriverPage>(
  newPage: () => Promise<P>,
  audit: (page: P, imageName: string) => Promise<string[]>,
): Pick<ZoneBrowser, 'openTab' | 'glance'> {
  return {
    async openTab(url) {
      const page = await newPage();
      if (url !== 'about:blank') await page.goto(url);
      return {
        run: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
        audit: (imageName) => audit(page, imageName),
        close: () => page.close(),
      };
    },
    async glance(url, ms) {
      const page = await newPage();
      void page.goto(url).catch(() => undefined);
      await pause(ms);
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
    },
  };
}

function pageHasText(text: string): boolean {
  return document.body.textContent?.includes(text) ?? false;
}

export interface ZoneBrowser {
  name: BrowserName;
  ui: ExtensionPage;
  /** Loads a URL in a fresh tab: the origin's `#from` text, or an outcome `isBlocked` recognises. */
  load(url: string, timeoutMs?: number): Promise<string>;
  /** Opens a WebSocket from a fresh tab: the origin's first message (the source it saw), or `failed: …`. */
  wsProbe(url: string, timeoutMs?: number): Promise<string>;
  /**
   * Opens a URL in a new tab and keeps it open. `about:blank` is the new tab's initial page, not
   * navigated to: from a navigated about:blank, Chromium 156 failed direct WebSockets to loopback.
   */
  openTab(url: string): Promise<Tab>;
  /**
   * Opens a URL in a new tab without waiting for it to load, leaves it `ms`, then closes it: for a
   * page that never finishes (a 401 behind the browser's own login prompt, never answered here).
   */
  glance(url: string, ms: number): Promise<void>;
  /** Options page: the account service a self-hoster sets. */
  useAccountService(accountUrl: string): Promise<void>;
  /** Opens the popup and logs in with the demo account; waits for Connect. */
  logIn(): Promise<void>;
  /** Popup: pick the region with the keyboard, Connect, wait for Disconnect. */
  connect(regionId: string): Promise<void>;
  /**
   * Test builds only (launch option `testBuild`; Firefox always loads one): does what picking a
   * context-menu item does, with the click data the browser would pass (src/background/main.ts).
   */
  menuClicked(click: MenuClick): Promise<void>;
  /** Test builds only: does what pressing the keyboard shortcut of a manifest command does. */
  command(name: string): Promise<void>;
  /** The id of the open tab whose URL is `url` (as the browser would name it in a click). */
  tabId(url: string): Promise<number>;
  /** Chromium only: closes the ui tab (it would keep the worker awake) and stops the service worker. */
  stopBackground?: () => Promise<void>;
  /**
   * Firefox only: `load` in a tab of a container (`firefox-container-1`), one the profile had when
   * the browser started (WebDriver BiDi knows those as user contexts).
   */
  loadInContainer?: (cookieStoreId: string, url: string, timeoutMs?: number) => Promise<string>;
  /**
   * Launch option `resolverLog` only: the browser's own resolver log, to count names it resolved
   * locally (O2, test/support/oracles/resolver-log.ts).
   */
  resolverLog?: ResolverLog;
  /**
   * The browser's own session, for a scenario's browser-specific verbs kept in a support file named
   * for the concern (e.g. how a private window is opened): the scenario itself stays one.
   */
  driver: { name: 'chromium'; session: ChromiumSession } | { name: 'firefox'; session: FirefoxSession };
  close(): Promise<void>;
}

/** What the browser passes for a context-menu click (src/platform/ports.ts `MenuClick`). */
export interface MenuClick {
  menuItemId: string;
  pageUrl?: string;
  linkUrl?: string;
  tab?: { id: number; url?: string };
}
/** The test build's hooks (src/background/main.ts). */
type Hook = { menuClicked(click: MenuClick): Promise<void>; command(name: string): Promise<void> };
type Hooked = { zoneE2E?: Hook };
type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };

/** Runs in our page: the id of the tab showing `url`. */
async function tabIdOf(url: string): Promise<number | null> {
  const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
  return (await (g.browser ?? g.chrome).tabs.query({})).find((t) => t.url === url)?.id ?? null;
}

export type Protocol = 'http' | 'https' | 'ws' | 'wss';

/**
 * HTTP and HTTPS page loads (`load`, each in a fresh tab) and WS and WSS handshakes (from one blank
 * tab) to `host` on a leak origin, one after the other: what each saw (the source address the
 * origin reports, or `failed: …`).
 */
export async function allProtocols(
  b: Pick<ZoneBrowser, 'load' | 'openTab'>,
  origin: Pick<LeakOrigin, 'url'>,
  host: string,
): Promise<Record<Protocol, string>> {
  const http = await b.load(origin.url('http', host));
  const https = await b.load(origin.url('https', host));
  const blank = await b.openTab('about:blank');
  try {
    const ws = await blank.run(firstWebSocketMessage, { url: origin.url('ws', host), timeout: 8_000 });
    const wss = await blank.run(firstWebSocketMessage, { url: origin.url('wss', host), timeout: 8_000 });
    return { http, https, ws, wss };
  } finally {
    await blank.close();
  }
}

/** A load that did not reach the origin with an answer: failed, an error status, or no origin page. */
export const isBlocked = (outcome: string): boolean => /^(failed|HTTP |no #from)/.test(outcome);

type Answer = { ok: boolean; value?: unknown; error?: { message: string } };
type Sender = { runtime: { sendMessage(message: unknown): Promise<Answer> } };

/** Runs in our page: the same request our popup sends (`browser` in Firefox, `chrome` in Chromium). */
export function send(message: { name: string; input?: unknown }): Promise<Answer> {
  const g = globalThis as unknown as { browser?: Sender; chrome: Sender };
  return (g.browser ?? g.chrome).runtime.sendMessage(message);
}

function textsOf(selector: string): string[] {
  return [...document.querySelectorAll(selector)].map((e) => e.textContent ?? '');
}

/** The same match as firefox.ts `byButton`: an enabled button whose label or text is `name`. */
function hasButton(name: string): boolean {
  return [...document.querySelectorAll('button')].some(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name && !b.disabled,
  );
}

/** Evaluated in a page: whether a live status region of it contains `text`. */
export function statusContains(text: string): boolean {
  return [...document.querySelectorAll('[role=status]')].some((e) => e.textContent?.includes(text));
}

/** The value of a request's answer; throws the background's error message. */
export function answered<T>(name: string, answer: Answer): T {
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.message}`);
  return answer.value as T;
}

export interface LaunchOptions {
  /** The leak suite's launch (test/support/oracles/): TLS test origins, fake media; default true. */
  leak?: boolean;
  /** The browser's UI language, e.g. `de` (Firefox needs Debian's firefox-esr-l10n-<lang>). */
  locale?: string;
  /**
   * A test provider's self-signed certificate to trust (`provider.tls.spkiSha256`), for its TLS
   * servers. Firefox cannot trust one certificate, so it then accepts any (`insecureCerts` in firefox.ts);
   * without this option it accepts none (an untrusted proxy must stay untrusted: hostile-proxy.e2e.ts).
   */
  trustSpki?: string;
  /** Chromium: load the test build (dist/chromium-e2e, with its hooks) instead of the release build. */
  testBuild?: boolean;
  /**
   * Chromium leak launch only: unpacked extensions loaded next to ours (a rival that takes the
   * proxy). Chromium loads none after the launch, not even through CDP Extensions.loadUnpacked:
   * `--disable-extensions-except` names only the launch's folders.
   */
  helpers?: string[];
  /** Firefox only: more prefs for the profile (e.g. `privacy.userContext.enabled` for containers). */
  prefs?: Record<string, unknown>;
  /**
   * For `audit` in Firefox: lets the test switch the browser's colour scheme (firefox.ts
   * setColorScheme: BiDi evaluating in the browser's own windows). Not the leak launch.
   */
  audit?: boolean;
  /**
   * The leak launch only: the browser's resolver log on, as `ZoneBrowser.resolverLog` (Chromium's
   * NetLog; Firefox's MOZ_LOG, with its prefetch prefs back on: test/support/oracles/resolver-log.ts).
   */
  resolverLog?: boolean;
}

export function launchZoneBrowser(name: BrowserName, options: LaunchOptions = {}): Promise<ZoneBrowser> {
  const leak = options.leak ?? !(options.locale || options.audit);
  if (leak && options.audit) throw new Error('the leak launch has no audit option');
  if (options.helpers && name !== 'chromium') throw new Error('only Chromium takes helpers');
  if (options.resolverLog && !leak) throw new Error('only the leak launch takes resolverLog');
  return name === 'chromium' ? chromiumBrowser(leak, options) : firefoxBrowser(leak, options);
}

async function chromiumBrowser(
  leak: boolean,
  { locale, trustSpki, testBuild = false, helpers, resolverLog = false }: LaunchOptions,
): Promise<ZoneBrowser> {
  if (!leak && helpers) throw new Error('only the leak launch takes helpers');
  if (leak && (locale || trustSpki || testBuild)) {
    throw new Error('the leak launch has no locale, trustSpki or testBuild option');
  }
  const extraArgs = [
    ...(locale ? [`--lang=${locale}`, `--accept-lang=${locale}`] : []),
    ...(trustSpki ? [`--ignore-certificate-errors-spki-list=${trustSpki}`] : []),
  ];
  const extensionDir = testBuild ? CHROMIUM_E2E_BUILD : undefined;
  const session: ChromiumSession = leak
    ? await launchLeakChromium({ helpers, netLog: resolverLog })
    : await launchChromium({ extraArgs, extensionDir });
  const netLogFile = leak ? (session as LeakChromium).netLogFile : null;
  let page: PlaywrightPage | null = null;
  const tab = async (): Promise<PlaywrightPage> =>
    page && !page.isClosed() ? page : (page = await session.openPopup());
  /** Calls a test-build hook in the worker running now (it may have been restarted since launch). */
  async function callHook<K extends keyof Hook>(name: K, arg: Parameters<Hook[K]>[0]): Promise<void> {
    const worker = session.context.serviceWorkers().find((w) => w.url().includes(session.extensionId));
    if (!worker) throw new Error('no service worker');
    await worker.evaluate(
      async ([n, a]) => {
        const hook = (globalThis as unknown as Hooked).zoneE2E;
        if (!hook) throw new Error('no test hook: launch with testBuild');
        await (hook[n] as (x: unknown) => Promise<void>)(a);
      },
      [name, arg] as const,
    );
  }
  const ui: ExtensionPage = {
    async open(which, query = '') {
      await (await tab()).goto(`chrome-extension://${session.extensionId}/${which}/${which}.html${query}`);
    },
    async click(button) {
      const page = await tab();
      const named = { name: button, exact: true };
      await page.getByRole('button', named).or(page.getByRole('switch', named)).click();
    },
    async statusSays(text, timeoutMs = 15_000) {
      await (await tab()).waitForFunction(statusContains, text, { timeout: timeoutMs });
    },
    async text() {
      return (await (await tab()).locator('body').textContent()) ?? '';
    },
    texts: async (selector) => (await tab()).evaluate(textsOf, selector),
    async ask<T>(name: string, input?: unknown) {
      return answered<T>(name, await (await tab()).evaluate(send, { name, input }));
    },
    async waitForButton(button, timeoutMs = 15_000) {
      await (await tab()).getByRole('button', { name: button, exact: true }).waitFor({ timeout: timeoutMs });
    },
    async fill(label, value) {
      const page = await tab();
      await page.getByLabel(label, { exact: true }).and(page.locator('input, textarea')).fill(value);
    },
    check: async (label, on) => (await tab()).getByLabel(label).setChecked(on),
    async select(label, option) {
      const field = (await tab()).getByLabel(label).and((await tab()).locator('select'));
      const text = await field.locator('option').filter({ hasText: option }).first().textContent();
      await field.selectOption({ label: text ?? option });
    },
    chooseRegion: async (regionId) => chromiumFlows.chooseRegion(await tab(), regionId),
    run: async (fn, arg) => (await tab()).evaluate(fn, arg as never),
    async waitForText(text, timeoutMs = 15_000) {
      await (await tab()).waitForFunction(pageHasText, text, { timeout: timeoutMs });
    },
    audit: async (imageName) => auditChromium(await tab(), imageName),
  };
  return {
    name: 'chromium',
    ui,
    load: (url, timeoutMs) => loadChromium(session, url, timeoutMs),
    async wsProbe(url, timeoutMs) {
      const blank = await session.context.newPage();
      return wsProbeChromium(blank, url, timeoutMs).finally(() => blank.close());
    },
    ...webTabs(() => session.context.newPage(), auditChromium),
    menuClicked: (click) => callHook('menuClicked', click),
    command: (name) => callHook('command', name),
    tabId: async (url) => (await (await tab()).evaluate(tabIdOf, url)) ?? Promise.reject(new Error(`no tab ${url}`)),
    useAccountService: (accountUrl) => chromiumFlows.useAccountService(session, accountUrl),
    async logIn() {
      await ui.open('popup');
      const popup = await tab();
      await chromiumFlows.logIn(popup);
      await popup.getByRole('button', { name: 'Connect' }).waitFor();
    },
    connect: async (regionId) => chromiumFlows.connect(await tab(), regionId),
    ...('stopWorkers' in session
      ? {
          async stopBackground() {
            await page?.close();
            await (session as Awaited<ReturnType<typeof launchLeakChromium>>).stopWorkers();
          },
        }
      : {}),
    ...(netLogFile ? { resolverLog: netLogResolver(netLogFile) } : {}),
    driver: { name: 'chromium', session },
    close: () => session.close(),
  };
}

async function firefoxBrowser(
  leak: boolean,
  { locale, prefs: extraPrefs = {}, audit = false, trustSpki, resolverLog = false }: LaunchOptions,
): Promise<ZoneBrowser> {
  // Firefox cannot trust one certificate: with `trustSpki` it accepts any (LaunchOptions).
  const insecureCerts = trustSpki !== undefined;
  // The language pack Debian installs under the application's extensions folder is an app-scope
  // add-on: the profile must enable that scope for it to load.
  const prefs = locale
    ? {
        'intl.locale.requested': locale,
        'intl.accept_languages': locale,
        'extensions.autoDisableScopes': 0,
        ...extraPrefs,
      }
    : extraPrefs;
  const dns = resolverLog ? mozLogResolver() : null;
  const session: FirefoxSession = leak
    ? await launchLeakFirefox({ prefs: { ...dns?.prefs, ...prefs }, env: dns?.env })
    : await launchFirefox({ prefs, systemAccess: audit, insecureCerts });
  const page = session.extensionPage;
  /** Calls a test-build hook in the background page (Firefox always loads the test build). */
  async function callHook<K extends keyof Hook>(name: K, arg: Parameters<Hook[K]>[0]): Promise<void> {
    await page.evaluate(
      async (n, a) => {
        const g = globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Hooked> } } };
        const hook = (await g.browser.runtime.getBackgroundPage()).zoneE2E!;
        await (hook[n] as (x: unknown) => Promise<void>)(a);
      },
      name,
      arg,
    );
  }
  const ui: ExtensionPage = {
    open: (which, query = '') => openExtensionPage(page, `${which}/${which}.html${query}`),
    async click(button) {
      await (await byButton(page, button)).click();
    },
    async statusSays(text, timeoutMs = 15_000) {
      await waitFor(() => page.evaluate(statusContains, text), timeoutMs);
    },
    text: () => page.evaluate(() => document.body.textContent ?? ''),
    texts: (selector) => page.evaluate(textsOf, selector),
    async ask<T>(name: string, input?: unknown) {
      return answered<T>(name, await page.evaluate(send, { name, input }));
    },
    async waitForButton(button, timeoutMs = 15_000) {
      await waitFor(() => page.evaluate(hasButton, button), timeoutMs);
    },
    async fill(label, value) {
      const field = await byLabel(page, label);
      await field.evaluate((e) => void ((e as HTMLInputElement).value = ''));
      await field.type(value);
    },
    async check(label, on) {
      const box = await byLabel(page, label);
      if ((await box.evaluate((e) => (e as HTMLInputElement).checked)) !== on) await box.click();
      await waitFor(() => box.evaluate((e, want) => (e as HTMLInputElement).checked === want, on));
    },
    async select(label, option) {
      const field = await byLabel(page, label);
      await field.evaluate((e, text) => {
        const select = e as HTMLSelectElement;
        const found = [...select.options].find((o) => o.textContent?.includes(text));
        if (!found) throw new Error(`no option "${text}"`);
        select.value = found.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, option);
    },
    chooseRegion: (regionId) => firefoxFlows.chooseRegion(page, regionId),
    run: (fn, arg) => page.evaluate(fn, arg as never),
    async waitForText(text, timeoutMs = 15_000) {
      await waitFor(() => page.evaluate(pageHasText, text), timeoutMs);
    },
    audit: (imageName) => auditFirefox(session.browser, page, imageName),
  };
  const containers = firefoxFlows.containerTabs(session.browser, page);
  return {
    name: 'firefox',
    ui,
    load: (url, timeoutMs) => loadFx(session, url, timeoutMs),
    loadInContainer: (cookieStoreId, url, timeoutMs) => containers.load(cookieStoreId, url, timeoutMs),
    async wsProbe(url, timeoutMs) {
      const blank = await newTab(session.browser);
      return wsProbeFx(blank, url, timeoutMs).finally(() => blank.close());
    },
    ...webTabs(
      () => newTab(session.browser),
      (tab, imageName) => auditFirefox(session.browser, tab, imageName),
    ),
    menuClicked: (click) => callHook('menuClicked', click),
    command: (name) => callHook('command', name),
    tabId: async (url) => (await page.evaluate(tabIdOf, url)) ?? Promise.reject(new Error(`no tab ${url}`)),
    useAccountService: (accountUrl) => firefoxFlows.useAccountService(page, accountUrl),
    logIn: () => firefoxFlows.logIn(page),
    async connect(regionId) {
      await openExtensionPage(page, 'popup/popup.html');
      await firefoxFlows.connect(page, regionId);
    },
    ...(dns ? { resolverLog: dns.log } : {}),
    driver: { name: 'firefox', session },
    close: () => session.close().finally(() => dns?.close()),
  };
}
