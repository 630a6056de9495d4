/**
 * A routing Decision in the shape Firefox's proxy.onRequest expects.
 *
 * Firefox sends a request DIRECT when the handler's answer is invalid in any way (`type:'socks5'`,
 * a non-integer port, `proxyDNS` on an http proxy…) and falls back to a browser- or OS-level proxy
 * when a proxied list does not end in `null`. So each server is checked and mapped here, every
 * proxied list ends in `null`, SOCKS servers carry `proxyDNS: true` (names resolve at the proxy, no
 * local DNS), and anything odd becomes BLOCK_ANSWER, the dead loopback proxy. Credentials stay out
 * of the answer: HTTP proxies receive them through webRequest.onAuthRequired.
 */
import type { ProxyServer } from '../shared/provider-types';
import {
  BLOCK_ANSWER,
  type FirefoxAnswer,
  type FirefoxDirect,
  type FirefoxProxyInfo,
  type UsedProxyInfo,
} from '../shared/firefox-proxy';
import type { Decision } from './routing';

export { BLOCK_ANSWER } from '../shared/firefox-proxy';
export type { FirefoxAnswer, FirefoxDirect, FirefoxProxyInfo, UsedProxyInfo } from '../shared/firefox-proxy';

/** Seconds Firefox waits on a server before it tries the next one in the list. */
export const FAILOVER_TIMEOUT = 5;

const TYPES: Record<string, FirefoxProxyInfo['type']> = { http: 'http', https: 'https', socks5: 'socks' };

export function toFirefoxAnswer(decision: Decision): FirefoxAnswer {
  if (decision.type === 'direct') return [{ type: 'direct' }];
  if (decision.type !== 'proxy' || decision.servers.length === 0) return blockAnswer();
  const answer: FirefoxAnswer = [];
  for (const server of decision.servers) {
    const info = toProxyInfo(server);
    if (info === null) return blockAnswer();
    answer.push(info);
  }
  // Kill switch off is the user's choice: after the last server, direct; otherwise null, which
  // makes Firefox fail the request instead of trying a browser-level proxy or going direct.
  answer.push(decision.failOpen === true ? { type: 'direct' } : null);
  return answer;
}

function toProxyInfo(server: ProxyServer): FirefoxProxyInfo | null {
  const type = Object.hasOwn(TYPES, server.scheme) ? TYPES[server.scheme] : undefined;
  const { host, port } = server;
  if (type === undefined || typeof host !== 'string' || !/^[0-9a-z.:-]+$/.test(host)) return null;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  const info: FirefoxProxyInfo = { type, host, port, failoverTimeout: FAILOVER_TIMEOUT };
  if (type === 'socks') info.proxyDNS = true;
  return info;
}

function blockAnswer(): (FirefoxProxyInfo | null)[] {
  return [{ ...BLOCK_ANSWER[0] }, null];
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Whether a request used our answer: one of the proxies we named, or no proxy where we answered
 * direct. Another add-on whose proxy.onRequest listener runs after ours replaces our answer, and
 * Firefox tells neither add-on; the proxy a request really used is the only trace (threats T19).
 */
export function usedOurAnswer(
  answer: readonly (FirefoxProxyInfo | FirefoxDirect | null)[],
  used: UsedProxyInfo | null,
) {
  if (used === null || used.type === 'direct') return answer.some((a) => a?.type === 'direct');
  return answer.some(
    (a) =>
      a !== null &&
      a.type !== 'direct' &&
      a.type === used.type &&
      bare(a.host) === bare(used.host) &&
      a.port === used.port,
  );
}
