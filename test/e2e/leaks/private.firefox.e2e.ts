/**
 * Private windows in Firefox ESR (threats F13, T14). An add-on reaches private windows only when the
 * user allowed it there; until then the popup must say that private windows are not protected. The
 * oracle shows why that warning matters: the same profile, connected, restarted in permanent private
 * browsing mode, sends its pages direct. Then the user allows the add-on in private windows, as
 * about:addons does ("Run in Private Windows: Allow" adds the internal permission
 * `internal:privateBrowsingAllowed` to the profile's extension-preferences.json, which is what the
 * test writes while the browser is closed), and the same private pages go through the proxy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_TEST_PREFS, installPermanently, textOf } from '../../support/firefox';
import { connect, logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { loadFx } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { FIREFOX_E2E_BUILD } from '../../support/paths';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { requirePositive } from './harness';

let provider: TestProvider;
let origin: LeakOrigin;
let browser: Browser | undefined;
const ADDON_ID = 'zone-vpn@zone.test';
const PRIVATE_ALLOWED = 'internal:privateBrowsingAllowed';
/** The first scenario's control: this profile's private pages went direct before the permission. */
let privateDirectSeen = false;
const profile = mkdtempSync(join(tmpdir(), 'zone-firefox-private-'));
const artifacts = mkdtempSync(join(tmpdir(), 'zone-xpi-private-'));

const launch = (prefs: Record<string, unknown> = {}) =>
  puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    extraPrefsFirefox: { ...FIREFOX_TEST_PREFS, 'xpinstall.signatures.required': false, ...prefs },
  });

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
  execFileSync('npx', ['web-ext', 'build', '-s', FIREFOX_E2E_BUILD, '-a', artifacts, '-n', 'zone.xpi', '-o'], {
    stdio: 'ignore',
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close()]);
  rmSync(profile, { recursive: true, force: true });
  rmSync(artifacts, { recursive: true, force: true });
});

describe('Firefox leak suite: private windows', () => {
  it('private windows, add-on not allowed there: the popup warns, and private pages indeed go direct', async ({
    task,
  }) => {
    browser = await launch();
    const ui = await installPermanently(browser, join(artifacts, 'zone.xpi'));
    await useAccountService(ui, provider.accountUrl);
    await logIn(ui);
    await connect(ui, 'de-fra');
    const warning = await textOf(ui, '.private-note');
    // Regular windows are protected.
    const regular = await loadFx({ browser }, origin.url('http', 'regular.private.test'));
    await browser.close();

    // The same profile in permanent private browsing: every window is private.
    browser = await launch({ 'browser.privatebrowsing.autostart': true });
    const direct = await loadFx({ browser }, origin.url('http', 'private.private.test'));
    recordLeak(task, {
      browser: 'firefox',
      positiveControl: direct === '127.0.0.1',
      directConnections: 0,
      note: `not allowed: private ${direct}, regular ${regular}; warning shown: ${warning !== ''}`,
    });
    privateDirectSeen = direct === '127.0.0.1';
    requirePositive(privateDirectSeen, 'a direct private-window load while the add-on is not allowed there');
    expect(regular).toBe('127.0.0.2');
    expect(warning).toContain('Private windows are not protected');
  });

  it('private windows, add-on allowed there by the user: the same private pages go through the proxy', async ({
    task,
  }) => {
    await browser?.close();
    // What about:addons' "Allow" writes; Firefox reads it when the add-on starts.
    const file = join(profile, 'extension-preferences.json');
    const prefs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { permissions: string[] }>;
    const entry = prefs[ADDON_ID];
    if (!entry) throw new Error(`${ADDON_ID} is not in extension-preferences.json: the install above did not persist`);
    expect(entry.permissions).not.toContain(PRIVATE_ALLOWED);
    entry.permissions.push(PRIVATE_ALLOWED);
    writeFileSync(file, JSON.stringify(prefs));
    // Firefox also keeps each add-on's permissions in its startup cache; the cache would win.
    rmSync(join(profile, 'startupCache'), { recursive: true, force: true });

    requirePositive(privateDirectSeen, 'a direct private-window load before the permission (first scenario)');
    browser = await launch({ 'browser.privatebrowsing.autostart': true });
    const t0 = Date.now();
    const proxied = await loadFx({ browser }, origin.url('http', 'allowed.private.test'));
    const proxiedTls = await loadFx({ browser }, origin.url('https', 'allowed.private.test'));
    const direct = origin.directConnections(t0).length;
    recordLeak(task, {
      browser: 'firefox',
      // The control of the test before: the same private mode without the permission went direct.
      positiveControl: privateDirectSeen,
      directConnections: direct,
      note: `allowed: private http ${proxied}, https ${proxiedTls}`,
    });
    expect(direct).toBe(0);
    expect([proxied, proxiedTls]).toEqual(['127.0.0.2', '127.0.0.2']);
  });
});
