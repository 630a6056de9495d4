/**
 * The context menu (src/core/context-menu.ts builds its items): keeping the browser's items in
 * step with the state, and what a click does, through the same handlers as the popup's controls
 * (bypass edits have one home: setSiteBypass / addBypass). A failed click changes nothing and has
 * nobody to answer; the popup shows the state as it is.
 */
import { BYPASS_SITE_ITEM, menuItems, regionOfItem } from '../core/context-menu';
import { siteOfUrl } from '../core/site';
import type { MenuClick, MenusPort } from '../platform/ports';
import type { Handlers } from '../shared/messages';
import { siteView } from './bypass-list';
import type { State } from './stored-state';

/** The VPN routes region rules now: signed in, switched on, not paused. */
export const vpnOn = (s: State): boolean => s.session !== null && s.wantConnected && s.pausedUntil === null;

/**
 * Re-creates the items when what they show changed (the VPN on or off, the region list) and once per
 * background start (Firefox may not keep an event page's items across a browser restart);
 * `force` re-creates them anyway (at install). One apply at a time, in order.
 */
export function createMenuSync(menus: Pick<MenusPort, 'set' | 'message'>) {
  let applied: string | null = null;
  let chain: Promise<void> = Promise.resolve();
  return function sync(s: State, force = false): Promise<void> {
    const items = menuItems({ vpnOn: vpnOn(s), regions: s.regions, message: menus.message });
    const key = JSON.stringify(items);
    if (force || key !== applied) {
      applied = key;
      chain = chain.then(() => menus.set(items)).catch(() => void (applied = null)); // tried again at the next change
    }
    return chain;
  };
}

export interface MenuClickInputs {
  state(): Promise<State>;
  openTab: MenusPort['openTab'];
  handlers: Pick<Handlers, 'setSiteBypass' | 'addBypass'>;
}

export function createMenuClicks({ state, openTab, handlers }: MenuClickInputs) {
  return async function clicked(click: MenuClick): Promise<void> {
    const s = await state();
    if (click.menuItemId === BYPASS_SITE_ITEM) {
      // Toggle: the item's title says "(or stop)"; see src/core/context-menu.ts.
      const url = click.pageUrl ?? click.tab?.url;
      const site = url ? siteView(s.bypass, url) : null;
      if (site?.site) await handlers.setSiteBypass({ site: site.site, bypass: !site.bypassed });
      return;
    }
    const regionId = regionOfItem(click.menuItemId);
    const link = click.linkUrl;
    const site = link ? siteOfUrl(link) : null;
    if (!link || !site || !regionId || !vpnOn(s) || !s.regions.some((r) => r.id === regionId)) return;
    // The rule first: the new tab's first request already goes through the region. A rule that
    // could not be added (the list is full) opens nothing, rather than the link through another way.
    await handlers.addBypass({ pattern: site, regionId });
    await openTab(link, click.tab?.id);
  };
}
