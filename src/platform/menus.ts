import browser from 'webextension-polyfill';
import type { MenusPort } from './ports';

/**
 * Context menus through `contextMenus`, the one namespace both browsers offer under the one
 * permission (Firefox's `menus` adds what we do not use). `create` reports failures through
 * runtime.lastError only; the callback reads it so the console stays clean.
 */
export const menus: MenusPort = {
  async set(items) {
    await browser.contextMenus.removeAll();
    for (const item of items) browser.contextMenus.create(item, () => void browser.runtime.lastError);
  },
  onClicked(listener) {
    browser.contextMenus.onClicked.addListener((info, tab) =>
      listener({
        menuItemId: String(info.menuItemId),
        pageUrl: info.pageUrl,
        linkUrl: info.linkUrl,
        tab: tab?.id === undefined ? undefined : { id: tab.id, url: tab.url },
      }),
    );
  },
  message: (key) => browser.i18n.getMessage(key),
  async openTab(url, openerTabId) {
    await browser.tabs.create(openerTabId === undefined ? { url } : { url, openerTabId });
  },
};
