/**
 * Firefox suspends an idle MV3 event page. The proxy.onRequest listener is registered at the top
 * level, so Firefox primes it and wakes the background for the next request, holding the request
 * until the answer (docs/browser-facts.md): the first page after a suspension must go through the
 * proxy, with its 407 answered, never directly.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { connect, logIn, useAccountService, visit } from '../support/firefox-flows';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';

const IDLE_MS = 3_000;
let provider: TestProvider;
let origin: Origin;
let firefox: FirefoxSession;
let ui: Page;

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
  firefox = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  ui = firefox.extensionPage;
  await useAccountService(ui, provider.accountUrl);
  await logIn(ui);
  await connect(ui, 'jp-tyo');
  // Leave no extension page open, so nothing keeps the event page awake.
  await ui.goto('about:blank');
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Firefox: event page suspended while connected', () => {
  it('the first page after an idle suspension goes through the proxy', async () => {
    for (let round = 1; round <= 2; round++) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 3));
      const host = `after-idle-${round}.test`;
      expect(await visit(firefox, origin, host)).toBe('127.0.0.2');
      expect(origin.hitsFor(host).every((h) => h.from === '127.0.0.2')).toBe(true);
      expect(provider.eventsFor(host).some((e) => e.authorized && e.regionId === 'jp-tyo')).toBe(true);
    }
  });
});
