import { generatePac } from '../core/pac-script';
import type { ProxyControl } from '../shared/view-state';
import { armStartupGate, disarmStartupGate } from './startup-gate-chromium';
import type { ProxyPort } from './types';

const CONTROL: Record<string, ProxyControl> = {
  controlled_by_this_extension: 'ours',
  controllable_by_this_extension: 'available',
  controlled_by_other_extensions: 'otherExtension',
  not_controllable: 'notAllowed',
};

/** Chromium decides per request with the PAC text built by core/pac-script. */
export const chromiumProxy: ProxyPort = {
  // The PAC setting persists in the profile and applies before the worker runs: nothing to register.
  listen() {},
  async apply(mode) {
    if (mode.kind === 'off') {
      await chrome.proxy.settings.clear({ scope: 'regular' });
      return disarmStartupGate();
    }
    // mandatory: a PAC that fails to run blocks requests instead of falling back to DIRECT.
    const pacScript = { data: generatePac(mode.table), mandatory: true };
    await chrome.proxy.settings.set({ value: { mode: 'pac_script', pacScript }, scope: 'regular' });
    await armStartupGate(mode.directHosts);
  },
  async control() {
    const { levelOfControl } = await chrome.proxy.settings.get({});
    return CONTROL[levelOfControl] ?? 'notAllowed';
  },
  onControlChange(listener) {
    chrome.proxy.settings.onChange.addListener(listener);
  },
};
