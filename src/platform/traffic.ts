import browser from 'webextension-polyfill';
import type { ProxyFailure, TrafficPort } from './ports';

// How each browser reports a proxy it could not reach or use: Chromium's net error names and
// Firefox's NS_ERROR codes (seen: NS_ERROR_PROXY_CONNECTION_REFUSED; proxy.onError is not fired
// for it). ERR_TUNNEL_CONNECTION_FAILED is also a CONNECT answered 502; ERR_PROXY_CERTIFICATE_INVALID
// a TLS proxy whose certificate the browser does not trust (threats T49).
const PROXY_FAILURE =
  /ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL_CONNECTION_FAILED|ERR_PROXY_CERTIFICATE_INVALID|NS_ERROR_PROXY_|NS_ERROR_UNKNOWN_PROXY_HOST/;

/** When it failed, and at which proxy: Firefox names it (`details.proxyInfo`), Chromium does not. */
function failure(details: { timeStamp?: unknown }): ProxyFailure {
  const info = (details as { proxyInfo?: { host?: unknown; port?: unknown } | null }).proxyInfo;
  const proxy =
    info && typeof info.host === 'string' && typeof info.port === 'number'
      ? { host: info.host, port: info.port }
      : null;
  const at = typeof details.timeStamp === 'number' && Number.isFinite(details.timeStamp) ? details.timeStamp : null;
  return { proxy, at };
}

/** Non-blocking observers of the browser's traffic outcome; they read no content and store nothing. */
export const traffic: TrafficPort = {
  onProxyFailure(listener) {
    browser.webRequest.onErrorOccurred.addListener(
      (details) => {
        if (PROXY_FAILURE.test(details.error)) listener(failure(details));
      },
      { urls: ['<all_urls>'] },
    );
  },
  onPageLoaded(listener) {
    browser.webRequest.onCompleted.addListener((details) => listener(details.url, details.statusCode), {
      urls: ['<all_urls>'],
      types: ['main_frame'],
    });
  },
};
