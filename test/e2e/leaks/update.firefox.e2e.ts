/**
 * An extension update while connected, in Firefox ESR (threats T34). Applying an update replaces the
 * background, and in that moment no proxy.onRequest listener exists: a request then goes direct
 * (the Firefox reload row of lifecycle.e2e.ts shows the gap). So the add-on postpones updates
 * while the VPN is on (src/background/updates.ts). The test installs version N+1 of the add-on over
 * version N, for good (a permanent install, as an update from addons.mozilla.org is), while a page
 * polls every 100 ms: nothing goes direct, the old background keeps answering, and the update goes
 * in when the user disconnects.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPermanently, waitFor } from '../../support/firefox';
import { connect, logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { askFx, backgroundMarked, isExtensionPage, markBackground } from '../../support/oracles/firefox-ext';
import { directPollsSeen, loadFx, pollFx, startLeakFirefox } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { FIREFOX_E2E_BUILD } from '../../support/paths';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { requirePositive, sleep } from './harness';

const BYPASSED = 'bank.test';
let provider: TestProvider;
let origin: LeakOrigin;
let browser: Browser;
let ui: Page;
const work = mkdtempSync(join(tmpdir(), 'zone-update-'));
const xpi = (version: string) => join(work, `zone-${version}.xpi`);
let versions: [string, string];

/** Packs the test build as it is (N) and with its version raised (N+1). */
function packVersions(): [string, string] {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_E2E_BUILD, 'manifest.json'), 'utf8')) as { version: string };
  const next = `${manifest.version}.1`;
  const nextDir = join(work, 'next');
  cpSync(FIREFOX_E2E_BUILD, nextDir, { recursive: true });
  writeFileSync(join(nextDir, 'manifest.json'), JSON.stringify({ ...manifest, version: next }));
  for (const [dir, version] of [
    [FIREFOX_E2E_BUILD, manifest.version],
    [nextDir, next],
  ] as const)
    execFileSync('npx', ['web-ext', 'build', '-s', dir, '-a', work, '-n', `zone-${version}.xpi`, '-o'], {
      stdio: 'ignore',
    });
  return [manifest.version, next];
}

const runningVersion = (page: Page) =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { browser: { runtime: { getManifest(): { version: string } } } }
      ).browser.runtime.getManifest().version,
  );

const poll = (host: string) => pollFx({ browser }, origin.url('http', host));

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
  versions = packVersions();
  browser = await startLeakFirefox({ prefs: { 'xpinstall.signatures.required': false } });
  ui = await installPermanently(browser, xpi(versions[0]));
  await useAccountService(ui, provider.accountUrl);
  await logIn(ui);
  await askFx(ui, 'addBypass', { pattern: BYPASSED });
  await connect(ui, 'us-nyc');
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe('Firefox leak suite: extension update', () => {
  it('an update arrives while connected and a page polls every 100 ms: nothing direct, it goes in at Disconnect', async ({
    task,
  }) => {
    const seen = await directPollsSeen({ browser }, origin, `poll.${BYPASSED}`);
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, 'direct polls from a bypassed page');

    const host = 'poll-update.leak.test';
    const stop = await poll(host);
    await sleep(500);
    await markBackground(ui);
    const before = new Set(await browser.pages());
    const t0 = Date.now();
    // Firefox answers the install only once the update is in, so it is not awaited here.
    const install = installPermanently(browser, xpi(versions[1])).catch((error: unknown) => error);
    await sleep(4_000);
    const direct = origin.directHits(host).filter((h) => h.at >= t0);
    const polls = origin.hitsFor(host).filter((h) => h.at >= t0).length;
    // Without the postponement the update replaces the background at once and closes our tab.
    const sameBackground = await backgroundMarked(ui).catch(() => false);
    const stillOld = await runningVersion(ui).catch(() => 'replaced');
    expect(sameBackground, 'the old background kept answering').toBe(true);

    // The user disconnects: the update goes in, the new version opens its tab (test build).
    const tDisconnect = Date.now();
    await askFx(ui, 'disconnect');
    await stop();
    ui = await waitFor(async () => {
      for (const page of await browser.pages()) if (!before.has(page) && (await isExtensionPage(page))) return page;
      return null;
    }, 30_000);
    await install;
    const updated = await runningVersion(ui);
    await askFx(ui, 'connect', { regionId: 'us-nyc' });
    const after = await loadFx({ browser }, origin.url('http', 'after-update.leak.test'));
    recordLeak(task, {
      browser: 'firefox',
      directConnections: direct.length,
      note: `${polls} polls while the update waited (${direct.length} direct); version ${stillOld} kept until Disconnect after ${tDisconnect - t0} ms, then ${updated}; after reconnect ${after}`,
    });
    expect(polls, 'the page kept polling while the update waited').toBeGreaterThan(10);
    expect(direct).toEqual([]);
    expect(stillOld).toBe(versions[0]);
    expect(updated).toBe(versions[1]);
    expect(after).toBe('127.0.0.2');
  });
});
