/**
 * The extension's context-menu items for a state, pure (src/platform/menus.ts applies them):
 * - on an http(s) page, "Bypass the VPN for this site (or stop)": a fixed title with toggle
 *   semantics, never a checkbox, because Chromium cannot set a checkbox for the page a menu opens
 *   on (it has no `onShown`); docs/browser-facts.md;
 * - on an http(s) link, "Open link through region…" with one child per region (flag, name, city),
 *   only while the VPN is on: signed in, switched on, not paused. A region rule routes nothing
 *   while the VPN is off or paused, so the link would open direct, not through the region.
 */
import { flagOf } from '../shared/flag';
import type { MenuItem } from '../shared/menu-item';

export const BYPASS_SITE_ITEM = 'bypass-site';
export const OPEN_THROUGH_ITEM = 'open-through';
const REGION_ITEM_PREFIX = `${OPEN_THROUGH_ITEM}:`;
const WEB = ['http://*/*', 'https://*/*'];

export type { MenuItem } from '../shared/menu-item';

export interface MenuInput {
  /** Signed in, switched on and not paused: region rules route (see above). */
  vpnOn: boolean;
  regions: readonly { id: string; name: string; city: string; country: string }[];
  /** The UI language's text for a _locales key. */
  message(key: 'menuBypassSite' | 'menuOpenThroughRegion'): string;
}

export function menuItems({ vpnOn, regions, message }: MenuInput): MenuItem[] {
  const items: MenuItem[] = [
    { id: BYPASS_SITE_ITEM, title: message('menuBypassSite'), contexts: ['page'], documentUrlPatterns: WEB },
  ];
  if (!vpnOn || regions.length === 0) return items;
  items.push({
    id: OPEN_THROUGH_ITEM,
    title: message('menuOpenThroughRegion'),
    contexts: ['link'],
    targetUrlPatterns: WEB,
  });
  for (const r of regions) {
    items.push({
      id: `${REGION_ITEM_PREFIX}${r.id}`,
      parentId: OPEN_THROUGH_ITEM,
      title: `${flagOf(r.country)} ${r.name} · ${r.city}`.trim(),
      contexts: ['link'],
      targetUrlPatterns: WEB,
    });
  }
  return items;
}

/** The region a "Open link through region…" child names, or null for any other item. */
export function regionOfItem(menuItemId: string | number): string | null {
  const id = String(menuItemId);
  return id.startsWith(REGION_ITEM_PREFIX) ? id.slice(REGION_ITEM_PREFIX.length) || null : null;
}
