/** Picks the browser's adapters once, from the build-time constant; nothing else branches on it. */
import { action } from './action';
import { containers } from './containers';
import { chromiumAuth } from './auth-chromium';
import { firefoxAuth } from './auth-firefox';
import { menus } from './menus';
import { messaging } from './messaging';
import { privacy } from './privacy';
import { chromiumProxy } from './proxy-chromium';
import { firefoxProxy } from './proxy-firefox';
import { runtime } from './runtime';
import { storage } from './storage';
import { traffic } from './traffic';
import type { BrowserPlatform } from './ports';

declare const __BROWSER__: 'chromium' | 'firefox';

export function createPlatform(): BrowserPlatform {
  const firefox = __BROWSER__ === 'firefox';
  return {
    proxy: firefox ? firefoxProxy : chromiumProxy,
    auth: firefox ? firefoxAuth : chromiumAuth,
    storage,
    privacy,
    messaging,
    runtime,
    action,
    traffic,
    menus,
    containers,
  };
}
