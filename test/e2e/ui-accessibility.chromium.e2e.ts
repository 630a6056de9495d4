/**
 * Every popup state and the options page in real Chromium: axe-core finds no violations in light
 * or dark, and each is photographed to docs/images for the README. States a user reaches easily
 * are driven for real (extension + reference provider); connecting, reconnecting, another
 * extension holding the proxy and the rarer login errors render the real Popup with the fake
 * client on a page built only for this test (test/fixtures/popup-harness.tsx).
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHarness } from '../fixtures/serve-harness';
import { axeViolations } from '../support/axe';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { connect, logIn, useAccountService } from '../support/chromium-flows';
import { ROOT } from '../support/paths';
import { startTestProvider, type TestProvider } from '../support/provider';

const IMAGES = `${ROOT}docs/images`;

let provider: TestProvider;
let browser: ChromiumSession;
let harness: Awaited<ReturnType<typeof serveHarness>>;

/** axe in light and dark, then a picture of each; returns the violations, summarised. */
async function audit(page: Page, name: string) {
  await page.locator('main').waitFor();
  return axeViolations(page, async (scheme) => {
    const path = `${IMAGES}/${name}${scheme === 'dark' ? '-dark' : ''}.png`;
    await page.locator('main').screenshot({ path, animations: 'disabled' });
  });
}

/** A loopback port nobody listens on: the account service "is down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  [provider, harness] = await Promise.all([startTestProvider(), serveHarness()]);
  browser = await launchChromium();
  await useAccountService(browser, provider.accountUrl);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), harness?.close()]);
});

describe('popup states rendered from fixtures (real Popup, fake client)', () => {
  it.each([
    ['connecting', 'popup-connecting'],
    ['reconnecting', 'popup-reconnecting'],
    ['otherExtension', 'popup-other-extension'],
    ['rateLimited', 'popup-too-many-attempts'],
    ['serviceUnreachable', 'popup-service-unreachable'],
    ['sessionExpired', 'popup-session-expired'],
  ])('%s has no accessibility violations', async (state, image) => {
    const page = await browser.context.newPage();
    await page.goto(`${harness.url}?state=${state}&site=www.example.test`);
    expect(await audit(page, image)).toEqual([]);
    await page.close();
  });
});

describe('popup states of the real extension', () => {
  let popup: Page;

  it('logged out', async () => {
    popup = await browser.openPopup();
    expect(await audit(popup, 'popup-logged-out')).toEqual([]);
  });

  it('wrong password', async () => {
    await logIn(popup, 'not the password');
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('Wrong email or password');
    expect(await audit(popup, 'popup-wrong-password')).toEqual([]);
  });

  it('disconnected', async () => {
    await logIn(popup);
    await popup.getByRole('button', { name: 'Connect' }).waitFor();
    expect(await audit(popup, 'popup-disconnected')).toEqual([]);
  });

  it('connected (the README picture)', async () => {
    await connect(popup, 'jp-tyo');
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Connected');
    expect(await audit(popup, 'popup-connected')).toEqual([]);
  });

  it('error: the account service cannot be reached at login', async () => {
    await popup.getByRole('button', { name: 'Disconnect' }).click();
    // Another service: the session is dropped locally first (its token goes to no other service).
    await useAccountService(browser, `http://127.0.0.1:${await closedPort()}`);
    await popup.reload();
    await logIn(popup);
    await expect.poll(() => popup.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('cannot be reached');
    expect(await audit(popup, 'popup-error')).toEqual([]);
    await useAccountService(browser, provider.accountUrl);
    await popup.reload();
    await logIn(popup);
    await popup.getByRole('button', { name: 'Connect' }).waitFor({ timeout: 20_000 });
  });
});

describe('options page', () => {
  it('with a bypass list, an import preview and the account panel', async () => {
    const options = await browser.openOptions();
    for (const entry of ['bank.test', '*.corp.test']) {
      await options.getByRole('textbox', { name: 'Site or address' }).fill(entry);
      await options.getByRole('button', { name: 'Add', exact: true }).click();
      await options.getByText(entry === 'bank.test' ? 'bank.test' : '*.corp.test', { exact: true }).waitFor();
    }
    await options.getByRole('textbox', { name: 'Entries to import' }).fill('shop.test de-fra\n"bad"\nbank.test\n');
    await options.getByText('Line 2').waitFor();
    await options.getByText('Valid until').waitFor();
    expect(await audit(options, 'options')).toEqual([]);
    // The import goes through the background (importBypass): merged, the refused line left out.
    await options.getByRole('button', { name: 'Import 1 entry' }).click();
    await options.getByText('Imported 1 entry.').waitFor();
    await expect.poll(() => options.locator('.entries .pattern').allTextContents()).toContain('shop.test');
    expect(await options.locator('.entries .pattern').allTextContents()).toHaveLength(3);
    await options.close();
  });

  it('the privacy panel: stored keys with sizes, never a value, and the hosts contacted', async () => {
    const options = await browser.openOptions();
    await options.getByRole('button', { name: 'Show what is stored and contacted' }).click();
    const stored = options.getByRole('table', { name: 'Stored in this browser' });
    await expect.poll(() => stored.locator('tbody code').allTextContents()).toContain('session');
    const text = (await options.locator('.privacy').textContent()) ?? '';
    expect(text).not.toContain('Bearer');
    expect(text).toContain(new URL(provider.accountUrl).host);
    expect(await audit(options, 'options-privacy')).toEqual([]);
    await options.close();
  });
});
