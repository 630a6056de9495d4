/**
 * The context menu and the keyboard shortcuts in Chromium and Firefox ESR. A headless browser opens
 * no context menu and takes no shortcut, so each step calls what picking the item or pressing the
 * keys calls, through the test build's hooks, with the data the browser would pass
 * (docs/browser-facts.md); what follows is checked as a user sees it (the popup's
 * site card, the options page's list) and as the network saw it (the proxies' log, the origin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

/** Evaluated in the popup: the site card's switch, by role and label. */
function bypassSwitch(): string | null {
  const el = document.querySelector('[role=switch][aria-label="Bypass VPN on this site"]');
  return el?.getAttribute('aria-checked') ?? null;
}

type Menus = {
  contextMenus: { update(id: string, props: object, done: () => void): void };
  runtime: { lastError?: { message?: string } };
};

/**
 * Evaluated in our page: which of `ids` the browser's context menu holds for us. update() with no
 * change fails only for an item that does not exist (both browsers' `chrome` take a callback).
 */
async function menuHas(ids: string[]): Promise<string[]> {
  const { chrome } = globalThis as unknown as { chrome: Menus };
  const exists = (id: string) =>
    new Promise<boolean>((resolve) => chrome.contextMenus.update(id, {}, () => resolve(!chrome.runtime.lastError)));
  const found = await Promise.all(ids.map(exists));
  return ids.filter((_, i) => found[i]);
}

describe.each(BROWSERS)('%s: context menu and shortcuts', (name) => {
  let provider: TestProvider;
  let origin: Origin;
  let b: ZoneBrowser;
  const url = (host: string, path = '/') => `http://${host}:${origin.port}${path}`;

  beforeAll(async () => {
    [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
    b = await launchZoneBrowser(name, { leak: false, testBuild: true });
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await b.connect('de-fra');
    await b.ui.statusSays('Connected');
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  it('connected, the browser holds the items: the page item, the link item and one child per region', async () => {
    const ids = ['bypass-site', 'open-through', ...provider.regions.map((r) => `open-through:${r.id}`)];
    await expect.poll(() => b.ui.run(menuHas, [...ids, 'open-through:nowhere'])).toEqual(ids);
  });

  it('"Bypass the VPN for this site": the popup’s site card shows it bypassed, the site loads direct; again: protected', async () => {
    const page = url('site-b.test');
    const tab = await b.openTab(page);
    const click = { menuItemId: 'bypass-site', pageUrl: page, tab: { id: await b.tabId(page), url: page } };
    await b.menuClicked(click);
    await b.ui.open('popup', `?tab=${click.tab.id}`);
    await expect.poll(() => b.ui.run(bypassSwitch)).toBe('true');
    expect(await b.load(page, 15_000)).toBe('127.0.0.1');

    await b.menuClicked(click); // toggle: stops bypassing
    await b.ui.open('popup', `?tab=${click.tab.id}`);
    await expect.poll(() => b.ui.run(bypassSwitch)).toBe('false');
    expect(await b.load(page, 15_000)).toBe('127.0.0.2');
    await tab.close();
  });

  it('"Open link through region…" › Japan: opens the link through Japan, lists the rule in options, undone there', async () => {
    const page = url('site-a.test');
    const link = url('www.site-c.test', '/story');
    const tab = await b.openTab(page);
    await b.menuClicked({
      menuItemId: 'open-through:jp-tyo',
      pageUrl: page,
      linkUrl: link,
      tab: { id: await b.tabId(page), url: page },
    });
    // The new tab's page came through a Japanese server (connected to Germany), from the proxy's address.
    await expect.poll(() => origin.hitsFor('www.site-c.test').length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(origin.hitsFor('www.site-c.test').every((hit) => hit.from === '127.0.0.2')).toBe(true);
    const seen = provider.eventsFor('www.site-c.test');
    expect(seen.some((e) => e.authorized)).toBe(true);
    expect(seen.every((e) => e.regionId === 'jp-tyo')).toBe(true);

    await b.ui.open('options');
    await expect.poll(async () => (await b.ui.texts('.entry')).join('|')).toMatch(/site-c\.test.*Japan/);
    await b.ui.click('Remove site-c.test');
    await expect.poll(async () => (await b.ui.texts('.entry')).join('|')).not.toContain('site-c.test');
    await tab.close();
  });

  it('shortcut "Bypass the VPN for this site" acts on the active tab: the popup’s site card follows; again: protected', async () => {
    const page = url('site-d.test');
    const tab = await b.openTab(page); // a new tab is the active one
    const id = await b.tabId(page);
    await b.command('bypass-site');
    await b.ui.open('popup', `?tab=${id}`);
    await expect.poll(() => b.ui.run(bypassSwitch)).toBe('true');
    await b.command('bypass-site'); // the same tab is still the active one
    await b.ui.open('popup', `?tab=${id}`);
    await expect.poll(() => b.ui.run(bypassSwitch)).toBe('false');
    expect(await b.load(page, 15_000)).toBe('127.0.0.2');
    await tab.close();
  });

  it('shortcut "Switch the VPN on or off": off, sites go direct; on again through the chosen region', async () => {
    await b.command('toggle-vpn');
    await b.ui.open('popup');
    await b.ui.waitForButton('Connect');
    expect(await b.load(url('site-e.test'), 15_000)).toBe('127.0.0.1');
    await b.command('toggle-vpn');
    await b.ui.open('popup');
    await b.ui.statusSays('Connected');
    expect(await b.load(url('site-e.test'), 15_000)).toBe('127.0.0.2');
    expect(provider.eventsFor('site-e.test').every((e) => e.regionId === 'de-fra')).toBe(true);
  });

  it('after Disconnect only the page item is left (a region rule would route nothing)', async () => {
    await b.ui.open('popup');
    await b.ui.click('Disconnect');
    await b.ui.waitForButton('Connect');
    const ids = ['bypass-site', 'open-through', ...provider.regions.map((r) => `open-through:${r.id}`)];
    await expect.poll(() => b.ui.run(menuHas, ids)).toEqual(['bypass-site']);
  });
});
