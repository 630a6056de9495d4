import browser from 'webextension-polyfill';
import { BLOCK_ANSWER, toFirefoxAnswer } from '../core/firefox-proxy-answer';
import { decide } from '../core/routing';
import type { ProxyMode, ProxyPort } from './types';

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443, 'ftp:': 21 };

// A cache of what the background last applied; after an event-page wake it is rebuilt from
// storage through `initial` before the first answer (Firefox waits for the promise).
let current: Promise<ProxyMode> | null = null;

function answerFor(mode: ProxyMode, url: string) {
  if (mode.kind === 'off') return { type: 'direct' };
  const { hostname, port, protocol } = new URL(url);
  return toFirefoxAnswer(decide(mode.table, hostname, port ? Number(port) : (DEFAULT_PORT[protocol] ?? 80)));
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
