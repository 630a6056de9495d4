/**
 * Takeover by another extension (threats T19, T25, F9, F14): a second MV3 extension, built here in a
 * temp folder, points the browser's proxy at a rogue proxy while we are connected. Expected: our
 * popup shows "Another extension controls the proxy", and the rogue proxy — which answers every
 * request with a 407 in our own realm — never receives our credentials.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, useAccountService } from '../../support/chromium-flows';
import { recordLeak } from '../../support/leak-report';
import { launchLeakChromium, load, type LeakChromium } from '../../support/oracles/chromium-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { rogueSeesCredentials, startRogueProxy, type RogueProxy } from '../../support/oracles/rogue-proxy';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { ask, controlPage, requirePositive } from './harness';

const HELPER = 'Zone Leak Helper';
/** The one privacy setting these tests touch (src/platform/chrome-api.d.ts declares only what the product uses). */
type ChromePrivacy = {
  privacy: {
    network: {
      webRTCIPHandlingPolicy: {
        get(details: object): Promise<{ levelOfControl: string }>;
        set(details: { value: string }): Promise<void>;
        clear(details: object): Promise<void>;
      };
    };
  };
};
let provider: TestProvider;
let origin: LeakOrigin;
let rogue: RogueProxy;
let browser: LeakChromium;
let helper: Worker;
let ctl: Page;
let helperDir: string;

function buildHelperExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zone-helper-ext-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: HELPER,
      version: '1.0',
      permissions: ['proxy', 'privacy'],
      background: { service_worker: 'bg.js' },
    }),
  );
  writeFileSync(
    join(dir, 'bg.js'),
    '// the test drives this worker with evaluate()\nself.addEventListener("install", () => {});\n',
  );
  return dir;
}

beforeAll(async () => {
  helperDir = buildHelperExtension();
  [provider, origin, rogue] = await Promise.all([startTestProvider(), startLeakOrigin(), startRogueProxy()]);
  browser = await launchLeakChromium({ helpers: [helperDir] });
  helper = await browser.helperWorker(HELPER);
  await useAccountService(browser, provider.accountUrl);
  ctl = await controlPage(browser);
  await logIn(ctl);
  await ctl.getByRole('button', { name: 'Connect' }).waitFor();
  await ask(ctl, 'connect', { regionId: 'us-nyc' });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close(), rogue?.close()]);
  if (helperDir) rmSync(helperDir, { recursive: true, force: true });
});

describe('Chromium leak suite: takeover by another extension', () => {
  it('another extension takes the proxy: our popup says so, the rogue proxy gets no credentials', async ({ task }) => {
    expect(await load(browser, origin.url('http', 'before-takeover.test'))).toBe('127.0.0.2');
    // Positive control: the rogue proxy records a Proxy-Authorization header when it gets one.
    const seen = await rogueSeesCredentials(rogue);
    recordLeak(task, { browser: 'chromium', positiveControl: seen });
    requirePositive(seen, 'credentials at the rogue proxy');

    await helper.evaluate(
      (port) =>
        chrome.proxy.settings.set({
          value: { mode: 'fixed_servers', rules: { singleProxy: { scheme: 'http', host: '127.0.0.1', port } } },
          scope: 'regular',
        }),
      rogue.port,
    );
    const ours = await browser.workerNow();
    const level = await ours.evaluate(async () => (await chrome.proxy.settings.get({})).levelOfControl);
    expect(level).toBe('controlled_by_other_extensions');

    const popup = await browser.openPopup();
    await expect
      .poll(() => popup.locator('body').textContent(), { timeout: 5_000 })
      .toContain('Another extension controls the proxy');
    await popup.close();

    const t0 = Date.now();
    const outcomes = [];
    for (const host of ['rogue-a.test', 'rogue-b.test']) {
      outcomes.push(await load(browser, origin.url('http', host), 8_000));
      outcomes.push(await load(browser, origin.url('https', host), 8_000));
    }
    const trafficAtRogue = rogue.requests.length;
    recordLeak(task, {
      browser: 'chromium',
      directConnections: rogue.credentials.length + origin.directConnections(t0).length,
      note: `rogue saw ${trafficAtRogue} requests, 0 expected credentials; loads ${outcomes.map((o) => o.slice(0, 12)).join(',')}`,
    });
    expect(trafficAtRogue, 'the takeover is real: the traffic reached the rogue proxy').toBeGreaterThan(0);
    expect(rogue.credentials).toEqual([]);
    expect(origin.directConnections(t0)).toEqual([]);
  });

  it('the helper gives the proxy back: our setting applies again, pages go through our region', async ({ task }) => {
    recordLeak(task, { browser: 'chromium', positiveControl: 'n/a' });
    await helper.evaluate(() => chrome.proxy.settings.clear({ scope: 'regular' }));
    const ours = await browser.workerNow();
    await expect
      .poll(() => ours.evaluate(async () => (await chrome.proxy.settings.get({})).levelOfControl))
      .toBe('controlled_by_this_extension');
    const t0 = Date.now();
    expect(await load(browser, origin.url('http', 'after-takeover.test'))).toBe('127.0.0.2');
    recordLeak(task, { browser: 'chromium', directConnections: origin.directConnections(t0).length });
    expect(rogue.credentials).toEqual([]);
  });

  it('another extension takes the WebRTC setting: our popup says so; given back, ours applies again and the warning goes', async ({
    task,
  }) => {
    const WARNING = 'WebRTC protection could not be turned on';
    const ours = await browser.workerNow();
    const level = () =>
      ours.evaluate(
        async () =>
          (await (chrome as unknown as ChromePrivacy).privacy.network.webRTCIPHandlingPolicy.get({})).levelOfControl,
      );
    expect(await level()).toBe('controlled_by_this_extension');
    let popup = await browser.openPopup();
    await popup.getByRole('button', { name: 'Disconnect' }).waitFor();
    expect(await popup.locator('body').textContent()).not.toContain(WARNING);
    await popup.close();

    await helper.evaluate(() =>
      (chrome as unknown as ChromePrivacy).privacy.network.webRTCIPHandlingPolicy.set({
        value: 'default_public_interface_only',
      }),
    );
    expect(await level()).toBe('controlled_by_other_extensions');
    // Positive control: the suite sees the message a user would see when the setting is lost.
    popup = await browser.openPopup();
    const shown = await expect
      .poll(() => popup.locator('body').textContent(), { timeout: 5_000 })
      .toContain(WARNING)
      .then(() => true);
    await popup.close();
    recordLeak(task, { browser: 'chromium', positiveControl: shown, note: 'WebRTC policy held by the helper' });
    requirePositive(shown, 'the warning for a WebRTC setting held by another extension');

    await helper.evaluate(() => (chrome as unknown as ChromePrivacy).privacy.network.webRTCIPHandlingPolicy.clear({}));
    await expect.poll(level).toBe('controlled_by_this_extension');
    popup = await browser.openPopup();
    await expect.poll(() => popup.locator('body').textContent(), { timeout: 5_000 }).not.toContain(WARNING);
    await popup.close();
    recordLeak(task, { browser: 'chromium', directConnections: 0 });
  });
});
