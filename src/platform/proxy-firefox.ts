import browser from 'webextension-polyfill';
import {
  BLOCK_ANSWER,
  toFirefoxAnswer,
  usedOurAnswer,
  type FirefoxAnswer,
  type UsedProxyInfo,
} from '../core/firefox-proxy-answer';
import { decide, portOfUrl } from '../core/routing';
import type { ProxyMode, ProxyPort } from './types';

// A cache of what the background last applied; after an event-page wake it is rebuilt from
// storage through `initial` before the first answer (Firefox waits for the promise).
let current: Promise<ProxyMode> | null = null;

// Takeover detection (threats T19). Firefox runs every add-on's proxy.onRequest listener in turn and
// the last one's answer wins, without telling the others; what a request really used shows in
// webRequest's `proxyInfo`. Our answers wait here, by request id, until the request reports it. In
// memory only, a few hundred entries at most: nothing about a request outlives it.
const answered = new Map<string, FirefoxAnswer>();
const MAX_TRACKED = 500;
let takenOver = false;
const controlListeners: (() => void)[] = [];

function remember(requestId: string, answer: FirefoxAnswer): void {
  answered.delete(requestId);
  answered.set(requestId, answer);
  if (answered.size > MAX_TRACKED) answered.delete(answered.keys().next().value as string);
}

function check(details: { requestId: string; proxyInfo?: UsedProxyInfo | null; fromCache?: boolean }): void {
  const ours = answered.get(details.requestId);
  if (!ours) return;
  answered.delete(details.requestId);
  // An answer from the cache used no proxy at all: it tells nothing about who routes requests.
  if (details.fromCache) return;
  const other = !usedOurAnswer(ours, details.proxyInfo ?? null);
  if (other === takenOver) return;
  takenOver = other;
  for (const listener of controlListeners) listener();
}

function answerFor(mode: ProxyMode, url: string): FirefoxAnswer {
  if (mode.kind === 'off') return [{ type: 'direct' }];
  // The same host and port derivation as the PAC script, so both browsers apply port rules alike.
  return toFirefoxAnswer(decide(mode.table, new URL(url).hostname, portOfUrl(url)));
}

/** Firefox asks proxy.onRequest for every request; any throw or invalid answer would go DIRECT. */
export const firefoxProxy: ProxyPort = {
  listen(initial) {
    browser.proxy.onRequest.addListener(
      async (details: { url: string; requestId: string }) => {
        let answer: FirefoxAnswer;
        try {
          current ??= initial();
          answer = answerFor(await current, details.url);
        } catch {
          answer = [...BLOCK_ANSWER];
        }
        remember(details.requestId, answer);
        return answer;
      },
      { urls: ['<all_urls>'] },
    );
    // Non-blocking observers; `proxyInfo` is Firefox's (the polyfill's types do not list it).
    const observe = check as (details: object) => void;
    browser.webRequest.onHeadersReceived.addListener(observe, { urls: ['<all_urls>'] });
    browser.webRequest.onErrorOccurred.addListener(observe, { urls: ['<all_urls>'] });
  },
  async apply(mode) {
    current = Promise.resolve(mode);
  },
  // proxy.settings needs private-window access, so add-ons route through onRequest; control is
  // ours unless the requests show another add-on's answer.
  async control() {
    return takenOver ? 'otherExtension' : 'ours';
  },
  onControlChange(listener) {
    controlListeners.push(listener);
  },
};
