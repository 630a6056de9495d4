import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { REGION_VIEWS } from '../../test/support/regions';
import { BYPASS_SITE_ITEM, menuItems, OPEN_THROUGH_ITEM, regionOfItem } from './context-menu';

const REGIONS = REGION_VIEWS.filter((r) => r.id === 'de-fra' || r.id === 'jp-tyo');
const message = (key: keyof typeof en) => en[key].message;
const WEB = ['http://*/*', 'https://*/*'];

describe('context menu items', () => {
  it('VPN off (signed out, switched off or paused): only the page item, on http(s) pages', () => {
    expect(menuItems({ vpnOn: false, regions: REGIONS, message })).toEqual([
      {
        id: BYPASS_SITE_ITEM,
        title: 'Bypass the VPN for this site (or stop)',
        contexts: ['page'],
        documentUrlPatterns: WEB,
      },
    ]);
  });

  it('VPN on with no regions: no link item (it would have no child)', () => {
    expect(menuItems({ vpnOn: true, regions: [], message }).map((i) => i.id)).toEqual([BYPASS_SITE_ITEM]);
  });

  it('VPN on: "Open link through region…" on http(s) links, one child per region with its flag', () => {
    const items = menuItems({ vpnOn: true, regions: REGIONS, message });
    expect(items.slice(1)).toEqual([
      { id: OPEN_THROUGH_ITEM, title: 'Open link through region…', contexts: ['link'], targetUrlPatterns: WEB },
      {
        id: 'open-through:de-fra',
        parentId: OPEN_THROUGH_ITEM,
        title: '🇩🇪 Germany · Frankfurt',
        contexts: ['link'],
        targetUrlPatterns: WEB,
      },
      {
        id: 'open-through:jp-tyo',
        parentId: OPEN_THROUGH_ITEM,
        title: '🇯🇵 Japan · Tokyo',
        contexts: ['link'],
        targetUrlPatterns: WEB,
      },
    ]);
  });

  it('a region child names its region; every other item none', () => {
    expect(regionOfItem('open-through:jp-tyo')).toBe('jp-tyo');
    expect(regionOfItem(OPEN_THROUGH_ITEM)).toBeNull();
    expect(regionOfItem('open-through:')).toBeNull();
    expect(regionOfItem(BYPASS_SITE_ITEM)).toBeNull();
    expect(regionOfItem(7)).toBeNull();
  });
});
