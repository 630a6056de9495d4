/**
 * The proxy engine in Firefox ESR (proxy.onRequest): bypass list entries go direct and only
 * they; failover inside a region; with every server of the region down, pages fail and the
 * origin receives nothing directly (answers end in null, never DIRECT).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byButton,
  byLabel,
  launchFirefox,
  openExtensionPage,
  textOf,
  waitFor,
  type FirefoxSession,
} from '../support/firefox';
import { connect, logIn, useAccountService, visit } from '../support/firefox-flows';
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
  await logIn(ui);
  await connect(ui, 'us-nyc');
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Firefox proxy engine', () => {
  it('a bypass list entry goes direct, its subdomains too, and nothing else', async () => {
    await openExtensionPage(ui, 'options/options.html');
    await (await byLabel(ui, 'Site or address')).type('bank.test');
    await (await byButton(ui, 'Add')).click();
    await waitFor(() =>
      ui.evaluate(() => document.querySelector('.entries')?.textContent?.includes('bank.test') ?? false),
    );
    expect(await visit(firefox, origin, 'bank.test')).toBe('127.0.0.1');
    expect(await visit(firefox, origin, 'www.bank.test')).toBe('127.0.0.1');
    expect(await visit(firefox, origin, 'notbank.test')).toBe('127.0.0.2');
  });

  it('fails over to the second server of the region when the first is down', async () => {
    const [first, second] = provider.regions.find((r) => r.id === 'us-nyc')!.servers;
    await provider.stopServer(first!.id);
    try {
      const before = provider.events.length;
      expect(await visit(firefox, origin, 'failover.test')).toBe('127.0.0.2');
      const used = provider.events.slice(before).filter((e) => e.target.startsWith('failover.test'));
      expect(used.length).toBeGreaterThan(0);
      expect(used.every((e) => e.serverId === second!.id)).toBe(true);
    } finally {
      await provider.startServer(first!.id);
    }
  });

  it('kill switch: with every server of the region down, pages fail and nothing reaches the site directly', async () => {
    // Positive control: the oracle sees a direct visit (a bypassed host).
    expect(await visit(firefox, origin, 'bank.test')).toBe('127.0.0.1');
    const servers = provider.regions.find((r) => r.id === 'us-nyc')!.servers;
    for (const s of servers) await provider.stopServer(s.id);
    try {
      expect(await visit(firefox, origin, 'killswitch.test')).toMatch(/^failed/);
      expect(origin.hitsFor('killswitch.test')).toEqual([]);
      await openExtensionPage(ui, 'popup/popup.html');
      await waitFor(async () => (await textOf(ui, '[role=status]')).includes('Reconnecting'));
    } finally {
      for (const s of servers) await provider.startServer(s.id);
    }
    expect(await visit(firefox, origin, 'killswitch.test')).toBe('127.0.0.2');
  });
});
