/**
 * The browser as the controller sees it: the adapters of platform/, with the proxy wrapped in a
 * port that takes a ProxyMode (proxy-driver.ts turns it into what each browser's adapter takes).
 */
import type { ProxyMode } from '../core/routing';
import type { BrowserPlatform } from '../platform/ports';
import type { ProxyControl } from '../shared/view-state';
import { driveProxy } from './proxy-driver';

export type { ProxyMode } from '../core/routing';

export interface ProxyPort {
  /** Registers what must exist at the top level (Firefox onRequest); `initial` is read on wake. */
  listen(initial: () => Promise<ProxyMode>): void;
  apply(mode: ProxyMode): Promise<void>;
  control(): Promise<ProxyControl>;
  onControlChange(listener: () => void): void;
}

export type Platform = Omit<BrowserPlatform, 'proxy'> & { proxy: ProxyPort };

export function backgroundPlatform(browser: BrowserPlatform): Platform {
  return { ...browser, proxy: driveProxy(browser.proxy) };
}
