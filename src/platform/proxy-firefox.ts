import browser from 'webextension-polyfill';
import { BLOCK_ANSWER, toFirefoxAnswer } from '../core/firefox-proxy-answer';
import { decide, portOfUrl } from '../core/routing';
import type { ProxyMode, ProxyPort } from './types';

// A cache of what the background last applied; after an event-page wake it is rebuilt from
// storage through `initial` before the first answer (Firefox waits for the promise).
let current: Promise<ProxyMode> | null = null;

function answerFor(mode: ProxyMode, url: string) {
  if (mode.kind === 'off') return { type: 'direct' };
  // The same host and port derivation as the PAC script, so both browsers apply port rules alike.
  return toFirefoxAnswer(decide(mode.table, new URL(url).hostname, portOfUrl(url)));
}

/** Firefox asks proxy.onRequest for every request; any throw or invalid answer would go DIRECT. */
export const firefoxProxy: ProxyPort = {
  listen(initial) {
    browser.proxy.onRequest.addListener(
      async (details: { url: string }) => {
        try {
          current ??= initial();
          return answerFor(await current, details.url);
        } catch {
          return BLOCK_ANSWER;
        }
      },
      { urls: ['<all_urls>'] },
    );
  },
  async apply(mode) {
    current = Promise.resolve(mode);
  },
  // Firefox add-ons route through onRequest; proxy.settings needs private-window access, so control
  // is ours whenever the listener is registered.
  async control() {
    return 'ours';
  },
  onControlChange() {},
};
