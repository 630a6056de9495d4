/**
 * The provider's site in tabs of a ZoneBrowser, for the new-user journey (test/e2e/site-journey.e2e.ts):
 * a tab opened from one of the popup's links, driven as a user does, and the browser's cookies. One
 * interface, one implementation per browser (chosen by `b.driver.name`), because opening the tab and
 * reading cookies differ: Chromium catches the tab the link opens; Firefox finds it in WebDriver
 * BiDi's tree, as puppeteer-core gives no Page for a tab an extension page opened.
 */
import { mkdirSync } from 'node:fs';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { axeViolations } from './axe';
import { axePage, type ChromiumSession } from './chromium';
import { byButton, byLabel, newTab, textOf, waitFor, type FirefoxSession } from './firefox';
import type { SeenCookie } from './site-audits';
import { IMAGES, type ZoneBrowser } from './zone-browser';

/** A tab showing one of the site's pages. */
export interface SitePage {
  goto(url: string): Promise<void>;
  url(): string;
  /** Types into the control labelled `label` (exactly). */
  fill(label: string, value: string): Promise<void>;
  /** Presses the button named `name` and waits for the page it leads to. */
  submit(name: string): Promise<void>;
  /** The text of the page's <main>. */
  text(): Promise<string>;
  userAgent(): Promise<string>;
}

export interface SiteTabs {
  /** Clicks the popup's link named `text` (the popup is open in the ui tab); the tab it opened. */
  openFromPopup(text: string): Promise<SitePage>;
  /** Every cookie the browser holds. */
  cookies(): Promise<SeenCookie[]>;
  /** Sets a cookie for the site as a script or another site might (not HttpOnly, SameSite=Lax). */
  plantCookie(name: string, value: string): Promise<void>;
  removeCookie(name: string): Promise<void>;
  /**
   * Chromium only: axe-core's violations on the page in light and dark; `picture` also photographs
   * the whole page to docs/images (IMAGES), the pictures the README shows.
   */
  accessibility?(page: SitePage, picture?: string): Promise<string[]>;
}

/** The site at `siteUrl` in `b`'s tabs. */
export function siteTabs(b: ZoneBrowser, siteUrl: string): SiteTabs {
  return b.driver.name === 'chromium'
    ? chromiumTabs(b.driver.session, siteUrl)
    : firefoxTabs(b.driver.session, siteUrl);
}

function chromiumPage(page: PlaywrightPage): SitePage {
  return {
    goto: async (url) => void (await page.goto(url)),
    url: () => page.url(),
    fill: (label, value) => page.getByLabel(label, { exact: true }).fill(value),
    async submit(name) {
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    },
    text: () => page.locator('main').innerText(),
    userAgent: () => page.evaluate(() => navigator.userAgent),
  };
}

function chromiumTabs(session: ChromiumSession, siteUrl: string): SiteTabs {
  const pages = new Map<SitePage, PlaywrightPage>();
  const popup = () => {
    const ui = session.context.pages().find((p) => p.url().includes(`${session.extensionId}/popup/`));
    if (!ui) throw new Error('the popup is not open');
    return ui;
  };
  return {
    async openFromPopup(text) {
      const [page] = await Promise.all([
        session.context.waitForEvent('page'),
        popup().getByRole('link', { name: text }).click(),
      ]);
      await page.waitForLoadState();
      const site = chromiumPage(page);
      pages.set(site, page);
      return site;
    },
    cookies: async () => (await session.context.cookies()).map(seen),
    plantCookie: (name, value) =>
      session.context.addCookies([{ name, value, url: siteUrl, httpOnly: false, sameSite: 'Lax' }]),
    removeCookie: (name) => session.context.clearCookies({ name, domain: new URL(siteUrl).hostname }),
    async accessibility(site, picture) {
      const page = pages.get(site)!;
      await page.locator('main').waitFor();
      if (picture) mkdirSync(IMAGES.chromium, { recursive: true });
      return axeViolations(axePage(page), async (scheme) => {
        if (picture)
          await page.screenshot({
            path: `${IMAGES.chromium}/${picture}${scheme === 'dark' ? '-dark' : ''}.png`,
            fullPage: true,
          });
      });
    },
  };
}

/** A cookie as either driver reports it. */
interface DriverCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  httpOnly?: boolean;
  secure: boolean;
  sameSite?: string;
}

/** What the cookie audit reads of a cookie (Firefox may leave out HttpOnly and SameSite: false, None). */
function seen({ name, value, domain, path, httpOnly, secure, sameSite }: DriverCookie): SeenCookie {
  return { name, value, domain, path, httpOnly: httpOnly === true, secure, sameSite: sameSite ?? 'None' };
}

function firefoxPage(page: PuppeteerPage): SitePage {
  return {
    goto: async (url) => void (await page.goto(url)),
    url: () => page.url(),
    async fill(label, value) {
      await (await byLabel(page, label)).type(value);
    },
    async submit(name) {
      const button = await byButton(page, name);
      await Promise.all([page.waitForNavigation(), button.click()]);
    },
    text: () => textOf(page, 'main'),
    userAgent: () => page.evaluate(() => navigator.userAgent),
  };
}

function firefoxTabs(session: FirefoxSession, siteUrl: string): SiteTabs {
  const ui = session.extensionPage;
  const host = new URL(siteUrl).hostname;
  const bidi = (session.browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } })
    .connection;
  return {
    async openFromPopup(text) {
      const link = await waitFor(async () => {
        const handle = await ui.evaluateHandle(
          (t) => [...document.querySelectorAll('form.login a')].find((a) => a.textContent === t) ?? null,
          text,
        );
        return handle.asElement();
      });
      const href = await ui.evaluate((a) => (a as HTMLAnchorElement).href, link);
      await (link as unknown as { click(): Promise<void> }).click();
      // The tab the link opened exists in BiDi's tree at the link's address, but puppeteer-core
      // gives no Page for a tab an extension page opened: the proof is the tree, and the journey
      // goes on in a tab of its own at the same address.
      const context = await waitFor(async () => {
        const { result } = (await bidi.send('browsingContext.getTree', {})) as {
          result: { contexts: Array<{ context: string; url: string }> };
        };
        return result.contexts.find((c) => c.url === href)?.context;
      });
      await bidi.send('browsingContext.close', { context });
      const page = await newTab(session.browser);
      await page.goto(href);
      return firefoxPage(page);
    },
    cookies: async () => (await session.browser.cookies()).map(seen),
    plantCookie: (name, value) =>
      session.browser.setCookie({ name, value, domain: host, path: '/', httpOnly: false, sameSite: 'Lax' }),
    async removeCookie(name) {
      const cookies = await session.browser.cookies();
      await session.browser.deleteCookie(...cookies.filter((c) => c.name === name && c.domain === host));
    },
  };
}
