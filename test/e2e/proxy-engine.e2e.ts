/**
 * The proxy engine, in Chromium (PAC script) and Firefox ESR (proxy.onRequest), checked from the
 * origin's side (127.0.0.2 = via proxy, 127.0.0.1 = direct) and the proxies' side: the per-site
 * switch and the bypass list send a site direct and nothing else; failover inside a region; with
 * every server of the region down, pages fail and the origin receives nothing directly (kill
 * switch, answers that end in null in Firefox, never DIRECT), unless the user turned it off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';
import { BROWSERS, isBlocked, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

const REGION = 'de-fra';
type Ext = {
  tabs: { query(q: object): Promise<{ id: number }[]> };
  action: { getBadgeText(details: object): Promise<string> };
};

describe.each(BROWSERS)('%s proxy engine', (name) => {
  let provider: TestProvider;
  let origin: Origin;
  let b: ZoneBrowser;
  const visit = (host: string) => b.load(`http://${host}:${origin.port}/`, 15_000);
  const servers = () => provider.regions.find((r) => r.id === REGION)!.servers;

  beforeAll(async () => {
    [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
    b = await launchZoneBrowser(name, { leak: false });
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await b.connect(REGION);
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  it('"Bypass VPN on this site" sends the site direct at once, and only that site; the toolbar says so', async () => {
    const shop = await b.openTab(`http://www.shop.test:${origin.port}/`);
    expect(await shop.run(() => document.querySelector('#from')?.textContent)).toBe('127.0.0.2');
    // The popup for that tab (the toolbar popup shows the active tab; tests name the tab).
    const tabId = await b.ui.run(async () => {
      const g = globalThis as unknown as { browser?: Ext; chrome: Ext };
      return (await (g.browser ?? g.chrome).tabs.query({ url: '*://www.shop.test/*' }))[0]?.id;
    });
    await b.ui.open('popup', `?tab=${tabId}`);
    await expect
      .poll(async () => (await b.ui.texts('section[aria-label="This site"]')).join(' '))
      .toContain('shop.test');
    await b.ui.click('Bypass VPN on this site');
    await expect
      .poll(() => b.ui.run(() => document.querySelector('[role=switch]')?.getAttribute('aria-checked')))
      .toBe('true');
    // The toolbar tells, for that tab: connected, but this site bypasses the VPN.
    const badge = await b.ui.run((id) => {
      const g = globalThis as unknown as { browser?: Ext; chrome: Ext };
      return (g.browser ?? g.chrome).action.getBadgeText({ tabId: id });
    }, tabId!);
    expect(badge).toBe('BYP');
    expect(await visit('www.shop.test')).toBe('127.0.0.1');
    expect(await visit('cdn.shop.test')).toBe('127.0.0.1');
    expect(await visit('notshop.test')).toBe('127.0.0.2');
    await shop.close();
  });

  it('an entry added in the options page goes direct; a hostile entry is refused with a reason', async () => {
    await b.ui.open('options');
    await b.ui.fill('Site or address', '"};return "DIRECT";//');
    await b.ui.click('Add');
    await expect.poll(async () => (await b.ui.texts('[role=alert]')).join(' ')).toContain('Quotes are not allowed');
    await b.ui.fill('Site or address', '=Direct.Bank.TEST.');
    await b.ui.click('Add');
    await expect.poll(() => b.ui.text()).toContain('direct.bank.test');
    expect(await visit('direct.bank.test')).toBe('127.0.0.1');
    expect(await visit('www.direct.bank.test')).toBe('127.0.0.2');
  });

  it('fails over to the second server of the region when the first is down', async () => {
    const [first, second] = servers();
    await provider.stopServer(first!.id);
    try {
      const before = provider.events.length;
      expect(await visit('failover.test')).toBe('127.0.0.2');
      const used = provider.events.slice(before).filter((e) => e.target.startsWith('failover.test'));
      expect(used.length).toBeGreaterThan(0);
      expect(used.every((e) => e.serverId === second!.id)).toBe(true);
    } finally {
      await provider.startServer(first!.id);
    }
  });

  it('kill switch: with every server of the region down, pages fail and nothing reaches the site directly', async () => {
    // Positive control: this oracle does see a direct visit (a bypassed host).
    expect(await visit('direct.bank.test')).toBe('127.0.0.1');
    for (const s of servers()) await provider.stopServer(s.id);
    try {
      const result = await visit('killswitch.test');
      expect(isBlocked(result), result).toBe(true);
      expect(origin.hitsFor('killswitch.test')).toEqual([]);
      // The popup tells the truth: not "Connected", but reconnecting because the servers are down.
      await b.ui.open('popup');
      await b.ui.statusSays('Reconnecting');
    } finally {
      for (const s of servers()) await provider.startServer(s.id);
    }
    expect(await visit('killswitch.test')).toBe('127.0.0.2');
    await b.ui.open('popup');
    await b.ui.statusSays('Connected');
  });

  it('kill switch off (the user chose it): with the servers down, pages load directly', async () => {
    await b.ui.open('options');
    await b.ui.check('Kill switch', false);
    expect(await visit('fail-open.test')).toBe('127.0.0.2');
    for (const s of servers()) await provider.stopServer(s.id);
    try {
      expect(await visit('fail-open.test')).toBe('127.0.0.1');
    } finally {
      for (const s of servers()) await provider.startServer(s.id);
    }
  });
});
