/**
 * The routing function the Firefox adapter calls for every proxy.onRequest: a ProxyMode turned
 * into request -> answer; the request's container (cookieStoreId) may have its own way out. The same host and port derivation as the PAC script (portOfUrl), so
 * both browsers apply port rules alike.
 */
import type { FirefoxAnswer, FirefoxRequest } from '../shared/firefox-proxy';
import { toFirefoxAnswer } from './firefox-proxy-answer';
import { decide, portOfUrl, type ProxyMode } from './routing';

export type FirefoxRouter = (request: FirefoxRequest) => FirefoxAnswer;

const DIRECT_ANSWER: FirefoxRouter = () => [{ type: 'direct' }];

/** Throws on a URL it cannot read; the caller answers BLOCK_ANSWER then (never direct). */
export function firefoxRouter(mode: ProxyMode): FirefoxRouter {
  if (mode.kind === 'off') return DIRECT_ANSWER;
  const { table } = mode;
  return (request) =>
    toFirefoxAnswer(
      decide(table, new URL(request.url).hostname, portOfUrl(request.url), undefined, request.cookieStoreId),
    );
}
