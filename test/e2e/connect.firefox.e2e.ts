/**
 * The walking skeleton in Firefox ESR: the same user path as in Chromium, with proof from the
 * proxy's side and the origin's side. Firefox routes with proxy.onRequest and answers the proxy's
 * 407 from webRequest.onAuthRequired.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byButton, launchFirefox, openExtensionPage, textOf, waitFor, type FirefoxSession } from '../support/firefox';
import { chooseRegion, connect, logIn, useAccountService, visit } from '../support/firefox-flows';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';

let provider: TestProvider;
let origin: Origin;
let firefox: FirefoxSession;
let ui: Page;

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
  firefox = await launchFirefox();
  ui = firefox.extensionPage;
  await useAccountService(ui, provider.accountUrl);
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Firefox: log in, connect, browse through the region, disconnect', () => {
  it('logging in shows the regions and a Connect button', async () => {
    await logIn(ui);
    const options = await ui.evaluate(() =>
      [...document.querySelectorAll('[role=option]')].map((o) => o.id.replace('region-option-', '')),
    );
    expect(options).toEqual(provider.regions.map((r) => r.id));
  });

  it('connecting to Germany sends a site through a German server with a valid access token', async () => {
    await connect(ui, 'de-fra');
    expect(await textOf(ui, '[role=status]')).toContain('Connected');

    expect(await visit(firefox, origin, 'site-a.test')).toBe('127.0.0.2');
    const seen = provider.eventsFor('site-a.test');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.regionId === 'de-fra')).toBe(true);
    expect(seen.some((e) => e.authorized)).toBe(true);
    expect(origin.hitsFor('site-a.test').every((hit) => hit.from === '127.0.0.2')).toBe(true);
  });

  it('the proxy sees an anonymous token; the options page shows the provider key; another region, another token', async () => {
    const germany = provider.eventsFor('site-a.test').filter((e) => e.authorized);
    const names = new Set(germany.map((e) => e.username));
    expect([...names]).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
    await openExtensionPage(ui, 'options/options.html');
    await waitFor(async () => (await textOf(ui, 'main')).includes(provider.issuer.fingerprint));
    await openExtensionPage(ui, 'popup/popup.html');
    await chooseRegion(ui, 'jp-tyo'); // while connected: switches at once
    await waitFor(async () => (await textOf(ui, '[role=status]')).includes('Japan'));
    expect(await visit(firefox, origin, 'site-c.test')).toBe('127.0.0.2');
    const japan = provider.eventsFor('site-c.test').filter((e) => e.authorized);
    expect(japan.length).toBeGreaterThan(0);
    expect(japan.every((e) => e.regionId === 'jp-tyo' && !names.has(e.username))).toBe(true);
  });

  it('after Disconnect the next request goes direct', async () => {
    await (await byButton(ui, 'Disconnect')).click();
    await byButton(ui, 'Connect');
    const proxiedBefore = provider.eventsFor('site-b.test').length;
    expect(await visit(firefox, origin, 'site-b.test')).toBe('127.0.0.1');
    await waitFor(async () => origin.hitsFor('site-b.test').length > 0);
    expect(provider.eventsFor('site-b.test').length).toBe(proxiedBefore);
  });
});
