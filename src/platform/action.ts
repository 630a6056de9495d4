import browser from 'webextension-polyfill';
import type { Status } from '../shared/view-state';
import type { ActionPort } from './ports';

const ICON: Record<Status, string> = {
  signedOut: 'off',
  disconnected: 'off',
  connecting: 'busy',
  reconnecting: 'busy',
  connected: 'on',
  error: 'error',
  paused: 'off',
};

const iconPath = (name: string) => ({ 16: `/icons/${name}-16.png`, 32: `/icons/${name}-32.png` });

/** Toolbar icon and badge: grey off, amber busy, green with the region's country code, red error. */
export const action: ActionPort = {
  async show(status, regionCode) {
    await browser.action.setIcon({ path: iconPath(ICON[status]) });
    await browser.action.setBadgeText({
      text: status === 'connected' ? (regionCode ?? '') : status === 'error' ? '!' : '',
    });
    await browser.action.setBadgeBackgroundColor({ color: status === 'error' ? '#d93636' : '#1a9b5a' });
  },
  /** Per-tab override: connected, but this tab's site bypasses the VPN (grey icon, "BYP"). */
  async showTab(tabId, bypassed, status) {
    await browser.action.setIcon({ tabId, path: iconPath(bypassed ? 'off' : ICON[status]) });
    // null gives the tab back the global badge (chrome.action.setBadgeText).
    await browser.action.setBadgeText({ tabId, text: bypassed ? 'BYP' : (null as unknown as string) });
    if (bypassed) await browser.action.setBadgeBackgroundColor({ tabId, color: '#6b7280' });
  },
  onTabChanged(listener) {
    browser.tabs.onActivated.addListener(({ tabId }) => {
      void browser.tabs.get(tabId).then(
        (tab) => tab.url && listener(tabId, tab.url),
        () => undefined,
      );
    });
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (change.url) listener(tabId, change.url);
    });
  },
  async allTabs() {
    const tabs = await browser.tabs.query({});
    return tabs.flatMap((tab) => (tab.id !== undefined && tab.url ? [{ id: tab.id, url: tab.url }] : []));
  },
  async activeTab() {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : null;
  },
};
