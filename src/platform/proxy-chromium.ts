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

/**
 * The proxy.settings value for a PAC text. mandatory: a PAC that fails to run blocks requests
 * instead of falling back to DIRECT (threats T6). Pure, so the leak suite sets exactly this object.
 */
export function pacSettings(data: string) {
  return { value: { mode: 'pac_script', pacScript: { data, mandatory: true } }, scope: 'regular' } as const;
}

/** Chromium decides per request with the PAC text built by core/pac-script. */
export const chromiumProxy: ProxyPort = {
  // The PAC setting persists in the profile and applies before the worker runs: nothing to register.
  listen() {},
  async apply(mode) {
    if (mode.kind === 'off') {
      await chrome.proxy.settings.clear({ scope: 'regular' });
      return disarmStartupGate();
    }
    await chrome.proxy.settings.set(pacSettings(generatePac(mode.table)));
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
