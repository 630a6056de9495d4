/** What a user does in Chromium, as reusable steps: set the provider, log in, connect, browse. */
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './chromium';
import type { Origin } from './origin';
import { DEMO } from './provider';

/** Points the extension at the test provider through the options page, as a self-hoster would. */
export async function useAccountService(browser: ChromiumSession, accountUrl: string): Promise<void> {
  const options = await browser.openOptions();
  await options.getByRole('textbox', { name: 'Account service address' }).fill(accountUrl);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByRole('status').getByText('Saved').waitFor();
  await options.close();
}

export async function logIn(popup: Page, password = DEMO.password, email = DEMO.email): Promise<void> {
  await popup.getByLabel('Email').fill(email);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Log in' }).click();
}

/**
 * Chooses a region as a keyboard user does: types into the Region combobox (it matches region
 * ids too) and presses Enter on the first match. While connected, that switches region.
 */
export async function chooseRegion(popup: Page, regionId: string): Promise<void> {
  const box = popup.getByRole('combobox', { name: 'Region' });
  await box.fill(regionId);
  await box.press('Enter');
}

export async function connect(popup: Page, regionId: string): Promise<void> {
  await chooseRegion(popup, regionId);
  await popup.getByRole('button', { name: 'Connect' }).click();
  await popup.getByRole('button', { name: 'Disconnect' }).waitFor();
}

/** Loads a test site in a new tab; returns the address the origin saw (127.0.0.2 = via proxy). */
export async function visit(browser: ChromiumSession, origin: Origin, host: string): Promise<string> {
  const page = await browser.context.newPage();
  try {
    const response = await page.goto(`http://${host}:${origin.port}/`, { timeout: 15_000 });
    if (!response?.ok()) return `HTTP ${response?.status()}`;
    return (await page.locator('#from').textContent()) ?? '';
  } catch (error) {
    return `failed: ${String(error).split('\n')[0]}`;
  } finally {
    await page.close();
  }
}

/** A Chromium with the extension, pointed at the provider, logged in and connected to a region. */
export async function launchConnected(
  accountUrl: string,
  regionId: string,
  options: Parameters<typeof launchChromium>[0] = {},
): Promise<ChromiumSession> {
  const browser = await launchChromium(options);
  await useAccountService(browser, accountUrl);
  const popup = await browser.openPopup();
  await logIn(popup);
  await connect(popup, regionId);
  await popup.close();
  return browser;
}
