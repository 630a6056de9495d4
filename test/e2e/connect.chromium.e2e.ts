/**
 * The walking skeleton in Chromium, as a user does it: point the extension at the provider, log in
 * through the popup, pick a region, connect, browse; then disconnect. Proof comes from both ends:
 * the region's proxy saw the request with valid credentials, and the origin saw it arrive from the
 * proxy's address (127.0.0.2), never directly (127.0.0.1).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { chooseRegion, connect, logIn, useAccountService, visit } from '../support/chromium-flows';
import { startOrigin, type Origin } from '../support/origin';
import { ARTIFACTS } from '../support/paths';
import { startTestProvider, type TestProvider } from '../support/provider';

let provider: TestProvider;
let origin: Origin;
let browser: ChromiumSession;
let popup: Page;

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
  browser = await launchChromium();
  await useAccountService(browser, provider.accountUrl);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

/** A browser privacy setting as the browser reports it (value and who controls it). */
async function privacySetting(name: 'webRTCIPHandlingPolicy' | 'networkPredictionEnabled') {
  return browser.worker.evaluate(async (name) => {
    type Setting = { get(d: object): Promise<{ value: unknown; levelOfControl: string }> };
    const privacy = (globalThis as unknown as { chrome: { privacy: { network: Record<string, Setting> } } }).chrome
      .privacy;
    const { value, levelOfControl } = await privacy.network[name]!.get({});
    return { value, levelOfControl };
  }, name);
}
const webRtcPolicy = () => privacySetting('webRTCIPHandlingPolicy');

describe('Chromium: log in, connect, browse through the region, disconnect', () => {
  it('a wrong password is refused with a clear message', async () => {
    popup = await browser.openPopup();
    await logIn(popup, 'not the password');
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('Wrong email or password');
  });

  it('logging in shows the regions and a Connect button', async () => {
    await logIn(popup);
    await popup.getByRole('button', { name: 'Connect' }).waitFor();
    const names = await popup.getByRole('listbox', { name: 'Region' }).getByRole('option').allTextContents();
    expect(names.join('|')).toMatch(/Germany.*Frankfurt/);
    expect(names).toHaveLength(provider.regions.length);
  });

  it('connecting to Japan sends a site through a Japanese server with a valid access token', async () => {
    await connect(popup, 'jp-tyo');
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Connected');
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.locator('main').screenshot({ path: `${ARTIFACTS}/popup-connected-chromium.png` });

    expect(await visit(browser, origin, 'site-a.test')).toBe('127.0.0.2');
    const seen = provider.eventsFor('site-a.test');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.regionId === 'jp-tyo')).toBe(true);
    expect(seen.some((e) => e.authorized)).toBe(true);
    expect(origin.hitsFor('site-a.test').every((hit) => hit.from === '127.0.0.2')).toBe(true);
  });

  it('the proxy sees an anonymous token, and the options page shows the provider key it is signed with', async () => {
    const names = new Set(
      provider
        .eventsFor('site-a.test')
        .filter((e) => e.authorized)
        .map((e) => e.username),
    );
    expect([...names]).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]); // a token's hash, one token
    const options = await browser.openOptions();
    await expect.poll(() => options.locator('main').textContent()).toContain(provider.issuer.fingerprint);
    await options.close();
  });

  it('switching region uses another token: the proxies cannot link the two', async () => {
    const japan = provider.eventsFor('site-a.test').find((e) => e.authorized)!.username;
    await chooseRegion(popup, 'de-fra'); // while connected: switches at once
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Germany');
    expect(await visit(browser, origin, 'site-c.test')).toBe('127.0.0.2');
    const germany = provider.eventsFor('site-c.test').filter((e) => e.authorized);
    expect(germany.length).toBeGreaterThan(0);
    expect(germany.every((e) => e.regionId === 'de-fra' && e.username !== japan)).toBe(true);
  });

  it('while connected, WebRTC may not use non-proxied UDP', async () => {
    expect(await webRtcPolicy()).toEqual({
      value: 'disable_non_proxied_udp',
      levelOfControl: 'controlled_by_this_extension',
    });
  });

  it('while connected, the browser makes no speculative DNS lookups or connections (network prediction off)', async () => {
    expect(await privacySetting('networkPredictionEnabled')).toEqual({
      value: false,
      levelOfControl: 'controlled_by_this_extension',
    });
  });

  it('after Disconnect the next request goes direct', async () => {
    await popup.getByRole('button', { name: 'Disconnect' }).click();
    await popup.getByRole('button', { name: 'Connect' }).waitFor();
    const proxiedBefore = provider.eventsFor('site-b.test').length;
    expect(await visit(browser, origin, 'site-b.test')).toBe('127.0.0.1');
    expect(provider.eventsFor('site-b.test').length).toBe(proxiedBefore);
  });

  it('after Disconnect the WebRTC policy and network prediction are given back', async () => {
    expect(await webRtcPolicy()).toEqual({ value: 'default', levelOfControl: 'controllable_by_this_extension' });
    expect(await privacySetting('networkPredictionEnabled')).toEqual({
      value: true,
      levelOfControl: 'controllable_by_this_extension',
    });
  });
});
