/**
 * The proxy engine in Chromium, checked from the origin's side (127.0.0.2 = via proxy, 127.0.0.1 =
 * direct) and the proxies' side: the per-site switch and the bypass list send a site direct and
 * nothing else; failover inside a region; with every server of the region down, pages fail and
 * the origin receives nothing directly (kill switch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../support/chromium';
import { launchConnected, visit } from '../support/chromium-flows';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';

let provider: TestProvider;
let origin: Origin;
let browser: ChromiumSession;

beforeAll(async () => {
  [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
  browser = await launchConnected(provider.accountUrl, 'de-fra');
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Chromium proxy engine', () => {
  it('"Bypass VPN on this site" sends the site direct at once, and only that site', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://www.shop.test:${origin.port}/`);
    expect(await page.locator('#from').textContent()).toBe('127.0.0.2');
    // The popup for that tab (the toolbar popup shows the active tab; tests name the tab).
    const tabId = await browser.worker.evaluate(async () => {
      const tabs = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } })
        .chrome.tabs;
      return (await tabs.query({ url: '*://www.shop.test/*' }))[0]?.id;
    });
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByRole('region', { name: 'This site' }).textContent()).toContain('shop.test');
    await popup.getByRole('switch', { name: 'Bypass VPN on this site' }).click();
    await expect
      .poll(() => popup.getByRole('switch', { name: 'Bypass VPN on this site' }).getAttribute('aria-checked'))
      .toBe('true');
    await popup.close();

    // The toolbar tells, for that tab: connected, but this site bypasses the VPN.
    const badge = await browser.worker.evaluate(async (id) => {
      const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } })
        .chrome.action;
      return action.getBadgeText({ tabId: id });
    }, tabId!);
    expect(badge).toBe('BYP');
    expect(await visit(browser, origin, 'www.shop.test')).toBe('127.0.0.1');
    expect(await visit(browser, origin, 'cdn.shop.test')).toBe('127.0.0.1');
    expect(await visit(browser, origin, 'notshop.test')).toBe('127.0.0.2');
    await page.close();
  });

  it('an entry added in the options page goes direct; a hostile entry is refused with a reason', async () => {
    const options = await browser.openOptions();
    const field = options.getByRole('textbox', { name: 'Site or address' });
    await field.fill('"};return "DIRECT";//');
    await options.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toContain('Quotes are not allowed');
    await field.fill('=Direct.Bank.TEST.');
    await options.getByRole('button', { name: 'Add' }).click();
    await options.getByText('direct.bank.test').waitFor();
    await options.close();
    expect(await visit(browser, origin, 'direct.bank.test')).toBe('127.0.0.1');
    expect(await visit(browser, origin, 'www.direct.bank.test')).toBe('127.0.0.2');
  });

  it('fails over to the second server of the region when the first is down', async () => {
    const [first, second] = provider.regions.find((r) => r.id === 'de-fra')!.servers;
    await provider.stopServer(first!.id);
    try {
      const before = provider.events.length;
      expect(await visit(browser, origin, 'failover.test')).toBe('127.0.0.2');
      const used = provider.events.slice(before).filter((e) => e.target.startsWith('failover.test'));
      expect(used.length).toBeGreaterThan(0);
      expect(used.every((e) => e.serverId === second!.id)).toBe(true);
    } finally {
      await provider.startServer(first!.id);
    }
  });

  it('kill switch: with every server of the region down, pages fail and nothing reaches the site directly', async () => {
    const servers = provider.regions.find((r) => r.id === 'de-fra')!.servers;
    // Positive control: this oracle does see a direct visit (a bypassed host).
    expect(await visit(browser, origin, 'direct.bank.test')).toBe('127.0.0.1');
    for (const s of servers) await provider.stopServer(s.id);
    try {
      const result = await visit(browser, origin, 'killswitch.test');
      expect(result).toMatch(/ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL|failed/);
      expect(origin.hitsFor('killswitch.test')).toEqual([]);
      // The popup tells the truth: not "Connected", but reconnecting because the servers are down.
      const popup = await browser.openPopup();
      await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Reconnecting');
      await popup.close();
    } finally {
      for (const s of servers) await provider.startServer(s.id);
    }
    expect(await visit(browser, origin, 'killswitch.test')).toBe('127.0.0.2');
    const popup = await browser.openPopup();
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain('Connected');
    await popup.close();
  });

  it('kill switch off (the user chose it): with the servers down, pages load directly', async () => {
    const options = await browser.openOptions();
    await options.getByRole('checkbox', { name: 'Kill switch' }).uncheck();
    await expect.poll(() => options.getByRole('checkbox', { name: 'Kill switch' }).isChecked()).toBe(false);
    await options.close();
    const servers = provider.regions.find((r) => r.id === 'de-fra')!.servers;
    expect(await visit(browser, origin, 'fail-open.test')).toBe('127.0.0.2');
    for (const s of servers) await provider.stopServer(s.id);
    try {
      expect(await visit(browser, origin, 'fail-open.test')).toBe('127.0.0.1');
    } finally {
      for (const s of servers) await provider.startServer(s.id);
    }
  });
});
