/** The context menu through the controller: its items follow the state, its clicks edit the bypass list. */
import { describe, expect, it, vi } from 'vitest';
import type { AccountApi } from '../core/account-api';
import { issuerApi } from '../../test/support/issuer-api';
import { LOOPBACK_REGIONS as REGIONS } from '../../test/support/regions';
import { createController } from './controller';
import { createFakePlatform } from './fake-platform';

function setup() {
  const fake = createFakePlatform();
  const api: AccountApi = {
    ...issuerApi([]).api,
    login: async () => ({ token: 'token', expiresAt: Date.now() + 3_600_000 }),
    logout: async () => undefined,
    account: async () => ({ email: 'a@b.test', plan: 'premium', planExpiresAt: null }),
    regions: async () => REGIONS,
  };
  const controller = createController({
    platform: fake.platform,
    accountApi: () => api,
    defaultAccountUrl: 'http://127.0.0.1:18100',
  });
  return { ...fake, controller, h: controller.handlers };
}
const ids = (items: { id: string }[] | undefined) => items?.map((i) => i.id);
const signedIn = async (t: ReturnType<typeof setup>) => t.h.login({ email: 'a@b.test', password: 'right' });
const vpnOn = async (t: ReturnType<typeof setup>) => {
  await signedIn(t);
  await t.h.connect({ regionId: 'de-fra' });
};
const LINK_ITEMS = ['bypass-site', 'open-through', 'open-through:de-fra', 'open-through:jp-tyo'];

describe('context menu', () => {
  it('is created at start; the link items follow the VPN on and off (sign-in, switch, pause); afresh at install', async () => {
    const t = setup();
    await t.controller.start();
    await vi.waitFor(() => expect(ids(t.menuSets.at(-1))).toEqual(['bypass-site']));
    expect(t.menuSets[0]![0]!.title).toBe('[menuBypassSite]'); // the title comes from _locales
    await signedIn(t); // signed in, switched off: a region rule would route nothing
    expect(ids(t.menuSets.at(-1))).toEqual(['bypass-site']);
    await t.h.connect({ regionId: 'de-fra' });
    await vi.waitFor(() => expect(ids(t.menuSets.at(-1))).toEqual(LINK_ITEMS));
    const sets = t.menuSets.length;
    await t.h.getState(undefined);
    await t.h.addBypass({ pattern: 'other.test' }); // announces, changes nothing the menu shows
    expect(t.menuSets.length).toBe(sets);
    await t.controller.onInstalled();
    expect(t.menuSets.length).toBe(sets + 1);
    await t.h.pause({ seconds: 300 });
    await vi.waitFor(() => expect(ids(t.menuSets.at(-1))).toEqual(['bypass-site']));
    await t.h.resume(undefined);
    await vi.waitFor(() => expect(ids(t.menuSets.at(-1))).toEqual(LINK_ITEMS));
    await t.h.disconnect(undefined);
    await vi.waitFor(() => expect(ids(t.menuSets.at(-1))).toEqual(['bypass-site']));
    await t.h.connect({ regionId: 'de-fra' });
    await t.h.logout(undefined);
    await vi.waitFor(() => expect(ids(t.menuSets.at(-1))).toEqual(['bypass-site']));
  });

  it('"Bypass the VPN for this site" bypasses the page’s site, and stops on the next click', async () => {
    const t = setup();
    await signedIn(t);
    const click = { menuItemId: 'bypass-site', pageUrl: 'https://news.shop.test/a', tab: { id: 4 } };
    await t.controller.onMenuClicked(click);
    expect((await t.h.getState(undefined)).bypass).toEqual([{ pattern: 'shop.test' }]);
    expect((await t.h.siteStatus({ url: 'https://shop.test/' })).bypassed).toBe(true);
    await t.controller.onMenuClicked(click);
    expect((await t.h.getState(undefined)).bypass).toEqual([]);
    await t.controller.onMenuClicked({ menuItemId: 'bypass-site', pageUrl: 'about:blank' }); // no site: nothing
    expect((await t.h.getState(undefined)).bypass).toEqual([]);
  });

  it('"Open link through region…" adds an ordinary rule for the link’s site, then opens the link beside its tab', async () => {
    const t = setup();
    await vpnOn(t);
    const link = 'https://www.news.example.co.uk/story?id=1';
    await t.controller.onMenuClicked({ menuItemId: 'open-through:jp-tyo', linkUrl: link, tab: { id: 9 } });
    expect((await t.h.getState(undefined)).bypass).toEqual([{ pattern: 'example.co.uk', regionId: 'jp-tyo' }]);
    expect(t.openedTabs).toEqual([{ url: link, openerTabId: 9 }]);
    // Undoable like any other rule (the options page removes it).
    await t.h.removeBypass({ pattern: 'example.co.uk' });
    expect((await t.h.getState(undefined)).bypass).toEqual([]);
  });

  it('a stale or odd click changes nothing and opens nothing', async () => {
    const t = setup();
    const link = 'https://shop.test/';
    await t.controller.onMenuClicked({ menuItemId: 'open-through:jp-tyo', linkUrl: link }); // signed out
    await signedIn(t);
    await t.controller.onMenuClicked({ menuItemId: 'open-through:jp-tyo', linkUrl: link }); // switched off
    await t.h.connect({ regionId: 'de-fra' });
    await t.h.pause({ seconds: 300 });
    await t.controller.onMenuClicked({ menuItemId: 'open-through:jp-tyo', linkUrl: link }); // paused
    await t.h.resume(undefined);
    await t.controller.onMenuClicked({ menuItemId: 'open-through:gone', linkUrl: link }); // region no longer offered
    await t.controller.onMenuClicked({ menuItemId: 'open-through:jp-tyo', linkUrl: 'ftp://shop.test/' });
    await t.controller.onMenuClicked({ menuItemId: 'open-through:jp-tyo' }); // no link
    await t.controller.onMenuClicked({ menuItemId: 'someone-else' });
    expect((await t.h.getState(undefined)).bypass).toEqual([]);
    expect(t.openedTabs).toEqual([]);
  });
});
