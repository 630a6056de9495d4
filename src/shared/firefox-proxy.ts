/**
 * The shapes Firefox's proxy.onRequest speaks, shared by the core that builds answers
 * (core/firefox-router.ts) and the adapter that hands them to the browser (platform/proxy-firefox.ts).
 */

export interface FirefoxProxyInfo {
  type: 'http' | 'https' | 'socks';
  host: string;
  port: number;
  proxyDNS?: true;
  failoverTimeout?: number;
}
export type FirefoxDirect = { type: 'direct' };
export type FirefoxAnswer = (FirefoxProxyInfo | FirefoxDirect | null)[];

/** What the adapter answers on any internal error: a proxy on a dead loopback port, so requests fail. */
export const BLOCK_ANSWER: readonly [Readonly<FirefoxProxyInfo>, null] = Object.freeze([
  Object.freeze({ type: 'http', host: '127.0.0.1', port: 9 } as const),
  null,
] as const);

/** The fields of proxy.onRequest's details the routing reads. */
export interface FirefoxRequest {
  url: string;
  requestId?: string;
  /** The request's container (`firefox-container-1`), `firefox-default` or `firefox-private`. */
  cookieStoreId?: string;
}

/** What Firefox reports in webRequest details as the proxy a request used (null: none, direct). */
export interface UsedProxyInfo {
  type: string;
  host: string;
  port: number;
}

/** webRequest.onHeadersReceived / onErrorOccurred details, as far as takeover detection reads them. */
export interface UsedReport {
  requestId: string;
  proxyInfo?: UsedProxyInfo | null;
  fromCache?: boolean;
}

/** What the background hands the Firefox adapter: it answers proxy.onRequest and hears webRequest's reports. */
export interface FirefoxRouting {
  /** May wait: after an event-page wake, for the state re-read from storage. */
  answer(request: FirefoxRequest): Promise<FirefoxAnswer>;
  used(report: UsedReport): void;
}
