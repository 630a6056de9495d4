/** What a user does in Firefox, as reusable steps (see firefox.ts for why pages are found this way). */
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { byButton, byLabel, newTab, openExtensionPage, textOf, waitFor, type FirefoxSession } from './firefox';
import type { Origin } from './origin';
import { loadInNewTab } from './oracles/firefox-leak';
import { DEMO } from './provider';

export async function useAccountService(ui: Page, accountUrl: string): Promise<void> {
  await openExtensionPage(ui, 'options/options.html');
  const field = await byLabel(ui, 'Account service address');
  // Replaces the address set before (typing alone would append to it).
  await field.evaluate((e) => void ((e as HTMLInputElement).value = ''));
  await field.type(accountUrl);
  await (await byButton(ui, 'Save')).click();
  await waitFor(async () => (await textOf(ui, 'form[aria-labelledby=service-title] [role=status]')) === 'Saved');
}

export async function logIn(ui: Page, account = DEMO): Promise<void> {
  await submitLogin(ui, account);
  await byButton(ui, 'Connect');
}

/** Fills the popup's login form and sends it, without waiting for the answer. */
export async function submitLogin(ui: Page, account: { email: string; password: string }): Promise<void> {
  await openExtensionPage(ui, 'popup/popup.html');
  await (await byLabel(ui, 'Email')).type(account.email);
  await (await byLabel(ui, 'Password')).type(account.password);
  await (await byButton(ui, 'Log in')).click();
}

/** Chooses a region as a keyboard user does: types into the Region combobox, Enter on the first match. */
export async function chooseRegion(ui: Page, regionId: string): Promise<void> {
  const box = await byLabel(ui, 'Region');
  await box.type(regionId);
  await box.press('Enter');
}

export async function connect(ui: Page, regionId: string): Promise<void> {
  await chooseRegion(ui, regionId);
  await (await byButton(ui, 'Connect')).click();
  await byButton(ui, 'Disconnect');
}

/** Loads a test site in a new tab; returns the address the origin saw (127.0.0.2 = via proxy). */
export async function visit(firefox: Pick<FirefoxSession, 'browser'>, origin: Origin, host: string): Promise<string> {
  const page = await newTab(firefox.browser);
  try {
    await page.goto(`http://${host}:${origin.port}/`, { timeout: 15_000 });
    return await textOf(page, '#from');
  } catch (error) {
    return `failed: ${String(error).split('\n')[0]}`;
  } finally {
    await page.close();
  }
}

/**
 * Tabs in Firefox containers. WebDriver BiDi lists the profile's containers as user contexts
 * (by its own ids); which container each one is shows in the new tab's `cookieStoreId`, which
 * the extension page reads with tabs.query (no permission needed for that field).
 */
export function containerTabs(browser: Browser, ui: Page) {
  let found: Promise<Map<string, BrowserContext>> | null = null;
  const newestTabStore = () =>
    ui.evaluate(async () => {
      type Tabs = { tabs: { query(q: object): Promise<{ id: number; cookieStoreId: string }[]> } };
      const tabs = await (globalThis as unknown as { browser: Tabs }).browser.tabs.query({});
      return tabs.reduce((a, b) => (b.id > a.id ? b : a)).cookieStoreId;
    });
  async function map(): Promise<Map<string, BrowserContext>> {
    const byStore = new Map<string, BrowserContext>();
    for (const context of browser.browserContexts()) {
      if (context === browser.defaultBrowserContext()) continue;
      const probe = await newTab(context);
      byStore.set(await newestTabStore(), context);
      await probe.close();
    }
    return byStore;
  }
  return {
    /** Loads `url` in a fresh tab of the container: the origin's #from text or `failed: …`. */
    async load(cookieStoreId: string, url: string, timeout = 10_000): Promise<string> {
      const context = (await (found ??= map())).get(cookieStoreId);
      if (!context) throw new Error(`no user context for ${cookieStoreId}`);
      return loadInNewTab(context, url, timeout);
    },
  };
}
