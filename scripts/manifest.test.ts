import { describe, expect, it } from 'vitest';
import source from '../manifest.json';
import { manifestFor } from './manifest';

describe('per-browser manifest', () => {
  it('Chromium gets a service worker and no Firefox keys', () => {
    const m = manifestFor(source, 'chromium');
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m).not.toHaveProperty('browser_specific_settings');
    expect(m.permissions).not.toContain('webRequestBlocking');
    expect(m.permissions).not.toContain('contextualIdentities'); // containers are Firefox's
  });
  it('Firefox gets background scripts, a gecko id and blocking webRequest', () => {
    const m = manifestFor(source, 'firefox');
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m).toHaveProperty('browser_specific_settings.gecko.id');
    expect(m.permissions).toContain('webRequestBlocking');
    expect(m.permissions).not.toContain('declarativeNetRequest');
    expect(m.permissions).toContain('contextualIdentities');
    expect(m.permissions).not.toContain('cookies');
  });
  it('asks for no permission beyond what the proxy engine needs', () => {
    expect(new Set(source.permissions)).toEqual(
      new Set([
        'proxy',
        'storage',
        // The token schedule: wakes the background once per epoch to fetch the next epoch's tokens.
        'alarms',
        'webRequest',
        'webRequestAuthProvider',
        'privacy',
        'activeTab',
        // The context menu; Firefox takes it as its alias of `menus` (docs/browser-facts.md).
        'contextMenus',
        'declarativeNetRequest',
      ]),
    );
  });
});
