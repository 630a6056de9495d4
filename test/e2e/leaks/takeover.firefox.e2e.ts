/**
 * Takeover by another add-on in Firefox ESR (threats T19, T25, F9, F14): the scenario of
 * takeover.chromium.e2e.ts. Firefox has no `levelOfControl` for proxy.onRequest: every add-on's
 * listener runs and the last one's answer wins, silently. A second add-on, built here in a temp
 * folder and installed while we are connected, sends the test's sites to a rogue proxy that 407s
 * everything in our realm. Expected: our popup says another extension controls the proxy (the
 * background sees the proxy each request really used), and the rogue proxy never receives our
 * credentials; once the helper is removed, pages go through our region again and the warning goes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage, textOf, waitFor, type FirefoxSession } from '../../support/firefox';
import { connect, logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { launchLeakFirefox, loadFx } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { rogueSeesCredentials, startRogueProxy, type RogueProxy } from '../../support/oracles/rogue-proxy';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { requirePositive } from './harness';

const TAKEN_OVER = 'Another extension controls the proxy';
let provider: TestProvider;
let origin: LeakOrigin;
let rogue: RogueProxy;
let firefox: FirefoxSession;
let ui: Page;
let helperDir: string;
let helperId: string | undefined;
let privacyHelperDir: string;

/** An add-on that sends every *.test site (not the account service on 127.0.0.1) to the rogue proxy. */
function buildHelperAddon(roguePort: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'zone-helper-addon-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Zone Leak Helper',
      version: '1.0',
      permissions: ['proxy'],
      host_permissions: ['<all_urls>'],
      background: { scripts: ['bg.js'] },
      browser_specific_settings: { gecko: { id: 'zone-leak-helper@zone.test' } },
    }),
  );
  writeFileSync(
    join(dir, 'bg.js'),
    `browser.proxy.onRequest.addListener(
  (d) => (new URL(d.url).hostname.endsWith('.test') ? { type: 'http', host: '127.0.0.1', port: ${roguePort} } : undefined),
  { urls: ['<all_urls>'] },
);\n`,
  );
  return dir;
}

/** An add-on that takes WebRTC's IP handling policy from us as soon as it starts. */
function buildPrivacyHelperAddon(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zone-privacy-addon-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Zone Privacy Helper',
      version: '1.0',
      permissions: ['privacy'],
      background: { scripts: ['bg.js'] },
      browser_specific_settings: { gecko: { id: 'zone-privacy-helper@zone.test' } },
    }),
  );
  writeFileSync(
    join(dir, 'bg.js'),
    "browser.privacy.network.webRTCIPHandlingPolicy.set({ value: 'default_public_interface_only' });\n",
  );
  return dir;
}

async function popupText(): Promise<string> {
  await openExtensionPage(ui, 'popup/popup.html');
  return textOf(ui, 'body');
}

beforeAll(async () => {
  [provider, origin, rogue] = await Promise.all([startTestProvider(), startLeakOrigin(), startRogueProxy()]);
  helperDir = buildHelperAddon(rogue.port);
  privacyHelperDir = buildPrivacyHelperAddon();
  firefox = await launchLeakFirefox();
  ui = firefox.extensionPage;
  await useAccountService(ui, provider.accountUrl);
  await logIn(ui);
  await connect(ui, 'us-nyc');
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close(), rogue?.close()]);
  for (const dir of [helperDir, privacyHelperDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Firefox leak suite: takeover by another add-on', () => {
  it('another add-on takes the proxy: our popup says so, the rogue proxy gets no credentials', async ({ task }) => {
    expect(await loadFx(firefox, origin.url('http', 'before-takeover.test'))).toBe('127.0.0.2');
    // Positive control: the rogue proxy records a Proxy-Authorization header when it gets one.
    const seen = await rogueSeesCredentials(rogue);
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, 'credentials at the rogue proxy');
    expect(await popupText()).not.toContain(TAKEN_OVER);

    helperId = await firefox.browser.installExtension(helperDir);
    const t0 = Date.now();
    const outcomes = [];
    for (const scheme of ['http', 'https'] as const)
      outcomes.push(await loadFx(firefox, origin.url(scheme, 'rogue.test'), 5_000));
    const trafficAtRogue = rogue.requests.length;
    const shown = await waitFor(async () => (await popupText()).includes(TAKEN_OVER), 5_000).catch(() => false);
    recordLeak(task, {
      browser: 'firefox',
      directConnections: rogue.credentials.length + origin.directConnections(t0).length,
      note: `rogue saw ${trafficAtRogue} requests, 0 expected credentials; loads ${outcomes.map((o) => o.slice(0, 12)).join(',')}; warning shown: ${shown}`,
    });
    expect(trafficAtRogue, 'the takeover is real: the traffic reached the rogue proxy').toBeGreaterThan(0);
    expect(rogue.credentials).toEqual([]);
    expect(origin.directConnections(t0)).toEqual([]);
    expect(shown, 'the popup says another extension controls the proxy').toBe(true);
  });

  it('the helper is removed: pages go through our region again, the warning goes', async ({ task }) => {
    recordLeak(task, { browser: 'firefox', positiveControl: 'n/a' });
    if (!helperId) throw new Error('the helper add-on was not installed');
    await firefox.browser.uninstallExtension(helperId);
    const t0 = Date.now();
    expect(await loadFx(firefox, origin.url('http', 'after-takeover.test'))).toBe('127.0.0.2');
    recordLeak(task, { browser: 'firefox', directConnections: origin.directConnections(t0).length });
    expect(rogue.credentials).toEqual([]);
    expect(await popupText()).not.toContain(TAKEN_OVER);
  });

  it('another add-on takes the WebRTC setting: our popup says so; removed, ours applies again and the warning goes', async ({
    task,
  }) => {
    const WARNING = 'WebRTC protection could not be turned on';
    expect(await popupText()).not.toContain(WARNING);
    const id = await firefox.browser.installExtension(privacyHelperDir);
    // Positive control: the suite sees the message a user would see when the setting is lost.
    const shown = await waitFor(async () => (await popupText()).includes(WARNING), 8_000).catch(() => false);
    recordLeak(task, { browser: 'firefox', positiveControl: shown, note: 'WebRTC policy held by a second add-on' });
    requirePositive(shown, 'the warning for a WebRTC setting held by another add-on');
    await firefox.browser.uninstallExtension(id);
    const gone = await waitFor(async () => !(await popupText()).includes(WARNING), 8_000).catch(() => false);
    recordLeak(task, { browser: 'firefox', directConnections: 0 });
    expect(gone, 'the warning goes once the other add-on is removed').toBe(true);
  });
});
