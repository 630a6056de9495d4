import browser from 'webextension-polyfill';
import type { RuntimePort } from './ports';

export const runtime: RuntimePort = {
  /** onStartup makes the browser start the background with itself, so the proxy is re-applied early. */
  onStartup(listener) {
    browser.runtime.onStartup.addListener(listener);
  },
  onInstalled(listener) {
    browser.runtime.onInstalled.addListener(() => listener());
  },
  onUpdateAvailable(listener) {
    browser.runtime.onUpdateAvailable.addListener(() => listener());
  },
  reload: () => browser.runtime.reload(),
  privateWindowsAllowed: () => browser.extension.isAllowedIncognitoAccess(),
  onAlarm(listener) {
    browser.alarms.onAlarm.addListener((alarm) => listener(alarm.name));
  },
  setAlarm(name, whenMs) {
    void browser.alarms.create(name, { when: whenMs });
  },
  onCommand(listener) {
    browser.commands.onCommand.addListener((name) => listener(name));
  },
  async openPage(path) {
    await browser.tabs.create({ url: browser.runtime.getURL(path) });
  },
};
