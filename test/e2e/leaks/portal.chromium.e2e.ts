/**
 * Captive portal in Chromium (threats F17, T20). A hotel Wi-Fi that wants a sign-in page makes the
 * region's servers unreachable: traffic stays blocked (never an automatic direct, which an attacker
 * could trigger by faking a portal); the popup offers a pause, the user takes it, pages load direct
 * during it, and protection comes back when the user resumes or when the pause ends, the latter
 * even with the service worker stopped (the end time is in the PAC script itself).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseRegion, logIn, useAccountService } from '../../support/chromium-flows';
import { recordLeak } from '../../support/leak-report';
import { launchLeakChromium, load, type LeakChromium } from '../../support/oracles/chromium-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { ask, controlPage, requirePositive, sleep } from './harness';

const REGION = 'us-nyc';
const BYPASSED = 'bank.test';
let provider: TestProvider;
let origin: LeakOrigin;
let browser: LeakChromium;
let popup: Page;

const servers = () => provider.regions.find((r) => r.id === REGION)!.servers;
const blocked = (outcome: string) => outcome.startsWith('failed') || outcome.startsWith('HTTP');

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
  browser = await launchLeakChromium();
  await useAccountService(browser, provider.accountUrl);
  popup = await controlPage(browser);
  await logIn(popup);
  await popup.getByRole('button', { name: 'Connect' }).waitFor();
  await ask(popup, 'addBypass', { pattern: BYPASSED });
  await chooseRegion(popup, REGION);
  await popup.getByRole('button', { name: 'Connect' }).click();
  await popup.getByRole('button', { name: 'Disconnect' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Chromium leak suite: captive portal', () => {
  it('captive portal: blocked while the servers are unreachable, direct only during the pause the user took, protected after it', async ({
    task,
  }) => {
    const control = await load(browser, origin.url('http', BYPASSED));
    recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');

    for (const s of servers()) await provider.stopServer(s.id);
    let leaked = 0;
    const notes: string[] = [];
    try {
      // The portal: servers unreachable. Blocked, and the popup says why and offers the pause.
      let t = Date.now();
      const before = await load(browser, origin.url('http', 'portal.test'));
      leaked += origin.directConnections(t).length;
      expect(blocked(before)).toBe(true);
      await popup.getByRole('status').getByText('Reconnecting').waitFor();
      await popup.getByRole('button', { name: 'Pause protection for 5 minutes' }).click();
      await popup.getByRole('status').getByText('without the VPN until').waitFor();

      // The user's pause: direct, as chosen.
      const during = await load(browser, origin.url('http', 'signin.portal.test'));
      notes.push(`during pause: ${during}`);
      expect(during).toBe('127.0.0.1');

      // Resume: protected again at once.
      await popup.getByRole('button', { name: 'Resume protection now' }).click();
      await popup.getByRole('status').getByText('Reconnecting').waitFor();
      t = Date.now();
      const resumed = await load(browser, origin.url('http', 'after-resume.portal.test'));
      leaked += origin.directConnections(t).length;
      expect(blocked(resumed)).toBe(true);

      // A short pause that ends while nothing of the extension runs: the PAC script ends it.
      await ask(popup, 'pause', { seconds: 5 });
      const short = await load(browser, origin.url('http', 'short.portal.test'));
      expect(short).toBe('127.0.0.1');
      await popup.close();
      await browser.stopWorkers();
      await sleep(5_500);
      t = Date.now();
      const late = await load(browser, origin.url('http', 'late.portal.test'));
      leaked += origin.directConnections(t).length;
      notes.push(`after the pause ended: ${late.slice(0, 40)}`);
      expect(blocked(late)).toBe(true);
    } finally {
      for (const s of servers()) await provider.startServer(s.id);
    }
    recordLeak(task, { browser: 'chromium', directConnections: leaked, note: notes.join('; ') });
    expect(leaked).toBe(0);
    // The servers are back: through the proxy again, nothing left paused.
    expect(await load(browser, origin.url('http', 'back.portal.test'))).toBe('127.0.0.2');
  });
});
