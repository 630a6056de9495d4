/**
 * Firefox restarted while connected. The extension is installed permanently (a temporary add-on
 * would not survive the restart) into a profile that outlives the browser; after the relaunch,
 * the top-level proxy.onRequest listener holds the first request until the background has read
 * its state, so the first page goes through the proxy, its 407 answered with fresh credentials
 * (session storage died with the browser), never directly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  byButton,
  byLabel,
  FIREFOX_TEST_PREFS,
  installPermanently,
  openExtensionPage,
  waitFor,
} from '../support/firefox';
import { connect, logIn, useAccountService, visit as visitPage } from '../support/firefox-flows';
import { startOrigin, type Origin } from '../support/origin';
import { FIREFOX_E2E_BUILD } from '../support/paths';
import { startTestProvider, type TestProvider } from '../support/provider';

let provider: TestProvider;
let origin: Origin;
let browser: Browser | undefined;
let ui: Page;
const profile = mkdtempSync(join(tmpdir(), 'zone-firefox-profile-'));
const artifacts = mkdtempSync(join(tmpdir(), 'zone-xpi-'));

const launch = () =>
  puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    // ESR accepts unsigned add-ons when asked to; a permanent install needs that.
    extraPrefsFirefox: { ...FIREFOX_TEST_PREFS, 'xpinstall.signatures.required': false },
  });

const visit = (host: string) => visitPage({ browser: browser! }, origin, host);

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
  execFileSync('npx', ['web-ext', 'build', '-s', FIREFOX_E2E_BUILD, '-a', artifacts, '-n', 'zone.xpi', '-o'], {
    stdio: 'ignore',
  });
  browser = await launch();
  ui = await installPermanently(browser, join(artifacts, 'zone.xpi'));
  await useAccountService(ui, provider.accountUrl);
  await logIn(ui);
  await connect(ui, 'de-fra');
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close()]);
  rmSync(profile, { recursive: true, force: true });
  rmSync(artifacts, { recursive: true, force: true });
});

describe('Firefox: browser restart while connected', () => {
  it('before the restart, pages go through the proxy', async () => {
    expect(await visit('before-restart.test')).toBe('127.0.0.2');
  });

  it('auto-connect on, VPN switched off: after a restart the first page goes through the proxy, nothing direct', async () => {
    await openExtensionPage(ui, 'options/options.html');
    const box = await byLabel(ui, 'Connect when the browser starts');
    await box.click();
    await waitFor(() => box.evaluate((e) => (e as HTMLInputElement).checked));
    await openExtensionPage(ui, 'popup/popup.html');
    await (await byButton(ui, 'Disconnect')).click();
    await byButton(ui, 'Connect');
    // Positive control: switched off, the oracle sees a page arrive directly.
    expect(await visit('auto-control.test')).toBe('127.0.0.1');
    await browser!.close();
    browser = await launch();
    const first = await visit('auto-connect.test');
    expect(first).toBe('127.0.0.2');
    expect(origin.hitsFor('auto-connect.test').every((h) => h.from === '127.0.0.2')).toBe(true);
  });

  it('the first page after the restart goes through the proxy, with its challenge answered', async () => {
    await browser!.close();
    browser = await launch();
    const before = provider.events.length;
    const first = await visit('after-restart.test');
    expect(first).toBe('127.0.0.2');
    expect(origin.hitsFor('after-restart.test').every((h) => h.from === '127.0.0.2')).toBe(true);
    const events = provider.events.slice(before).filter((e) => e.target.startsWith('after-restart.test'));
    expect(events.some((e) => e.authorized && e.regionId === 'de-fra')).toBe(true);
  });
});
