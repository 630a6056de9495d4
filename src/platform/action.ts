import browser from 'webextension-polyfill';
import type { Status } from '../shared/view-state';
import type { ActionPort } from './types';

const ICON: Record<Status, string> = {
  signedOut: 'off',
  disconnected: 'off',
  connecting: 'busy',
  reconnecting: 'busy',
  connected: 'on',
  error: 'error',
};

/** Toolbar icon and badge: grey off, amber busy, green with the region's country code, red error. */
export const action: ActionPort = {
  async show(status, regionCode) {
    const name = ICON[status];
    await browser.action.setIcon({ path: { 16: `/icons/${name}-16.png`, 32: `/icons/${name}-32.png` } });
    await browser.action.setBadgeText({
      text: status === 'connected' ? (regionCode ?? '') : status === 'error' ? '!' : '',
    });
    await browser.action.setBadgeBackgroundColor({ color: status === 'error' ? '#d93636' : '#1a9b5a' });
  },
};
