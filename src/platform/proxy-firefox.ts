import browser from 'webextension-polyfill';
import { BLOCK_ANSWER, type FirefoxAnswer, type FirefoxRouting, type UsedReport } from '../shared/firefox-proxy';
import type { RouterProxyPort } from './ports';

/**
 * Firefox asks proxy.onRequest for every request; any throw or invalid answer would go DIRECT, so
 * the routing's answer is awaited here and anything that goes wrong answers the dead proxy.
 */
export const firefoxProxy: RouterProxyPort = {
  form: 'router',
  listen(routing: FirefoxRouting) {
    browser.proxy.onRequest.addListener(
      async (details: { url: string; requestId: string; cookieStoreId?: string }): Promise<FirefoxAnswer> => {
        try {
          return await routing.answer(details);
        } catch {
          return [...BLOCK_ANSWER];
        }
      },
      { urls: ['<all_urls>'] },
    );
    // Non-blocking observers; `proxyInfo` is Firefox's (the polyfill's types do not list it).
    const observe = (details: object) => routing.used(details as UsedReport);
    browser.webRequest.onHeadersReceived.addListener(observe, { urls: ['<all_urls>'] });
    browser.webRequest.onErrorOccurred.addListener(observe, { urls: ['<all_urls>'] });
  },
};
