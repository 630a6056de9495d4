/**
 * Captive portal in Firefox ESR (threats F17, T20): with the region's servers unreachable traffic
 * stays blocked; the pause the popup offers sends pages direct only while it lasts, Resume protects
 * at once, and a pause also ends by the clock alone (proxy.onRequest checks its end time).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byButton, byLabel, openExtensionPage, textOf, waitFor, type FirefoxSession } from '../../support/firefox';
import { connect, logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { launchLeakFirefox, loadFx } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { requirePositive, sleep } from './harness';

const REGION = 'us-nyc';
const BYPASSED = 'bank.test';
let provider: TestProvider;
let origin: LeakOrigin;
let firefox: FirefoxSession;
let ui: Page;

const servers = () => provider.regions.find((r) => r.id === REGION)!.servers;
const statusSays = (text: string) => waitFor(async () => (await textOf(ui, '[role=status]')).includes(text));

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
  firefox = await launchLeakFirefox();
  ui = firefox.extensionPage;
  await useAccountService(ui, provider.accountUrl);
  await openExtensionPage(ui, 'options/options.html');
  await (await byLabel(ui, 'Site or address')).type(BYPASSED);
  await (await byButton(ui, 'Add')).click();
  await waitFor(() =>
    ui.evaluate(() => document.querySelector('.entries')?.textContent?.includes('bank.test') ?? false),
  );
  await logIn(ui);
  await connect(ui, REGION);
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Firefox leak suite: captive portal', () => {
  it('captive portal: blocked while the servers are unreachable, direct only during the pause the user took, protected after it', async ({
    task,
  }) => {
    const control = await loadFx(firefox, origin.url('http', BYPASSED));
    recordLeak(task, { browser: 'firefox', positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');

    for (const s of servers()) await provider.stopServer(s.id);
    let leaked = 0;
    const notes: string[] = [];
    try {
      let t = Date.now();
      const before = await loadFx(firefox, origin.url('http', 'portal.test'), 8_000);
      leaked += origin.directConnections(t).length;
      expect(before).toMatch(/^(failed|no #from)/);
      await statusSays('Reconnecting');
      await (await byButton(ui, 'Pause protection for 5 minutes')).click();
      await statusSays('without the VPN until');

      const during = await loadFx(firefox, origin.url('http', 'signin.portal.test'));
      notes.push(`during pause: ${during}`);
      expect(during).toBe('127.0.0.1');

      await (await byButton(ui, 'Resume protection now')).click();
      await statusSays('Reconnecting');
      t = Date.now();
      const resumed = await loadFx(firefox, origin.url('http', 'after-resume.portal.test'), 8_000);
      leaked += origin.directConnections(t).length;
      expect(resumed).toMatch(/^(failed|no #from)/);

      // A short pause, ended by the clock: the next request after its end is blocked again.
      await ui.evaluate(() =>
        (
          globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).browser.runtime.sendMessage({
          name: 'pause',
          input: { seconds: 5 },
        }),
      );
      expect(await loadFx(firefox, origin.url('http', 'short.portal.test'))).toBe('127.0.0.1');
      await sleep(5_500);
      t = Date.now();
      const late = await loadFx(firefox, origin.url('http', 'late.portal.test'), 8_000);
      leaked += origin.directConnections(t).length;
      notes.push(`after the pause ended: ${late.slice(0, 40)}`);
      expect(late).toMatch(/^(failed|no #from)/);
    } finally {
      for (const s of servers()) await provider.startServer(s.id);
    }
    recordLeak(task, { browser: 'firefox', directConnections: leaked, note: notes.join('; ') });
    expect(leaked).toBe(0);
    expect(await loadFx(firefox, origin.url('http', 'back.portal.test'))).toBe('127.0.0.2');
  });
});
