import type { ProxyControl } from '../shared/view-state';
import { armStartupGate, disarmStartupGate } from './startup-gate-chromium';
import type { PacProxyPort } from './ports';

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

/** Chromium decides per request with the PAC text the background hands over (core/pac-script). */
export const chromiumProxy: PacProxyPort = {
  form: 'pac',
  async apply(pac, holdNextStart = null) {
    if (pac === null) {
      await chrome.proxy.settings.clear({ scope: 'regular' });
      return holdNextStart ? armStartupGate(holdNextStart) : disarmStartupGate();
    }
    await chrome.proxy.settings.set(pacSettings(pac.data));
    await armStartupGate(pac.directHosts);
  },
  async control() {
    const { levelOfControl } = await chrome.proxy.settings.get({});
    return CONTROL[levelOfControl] ?? 'notAllowed';
  },
  onControlChange(listener) {
    chrome.proxy.settings.onChange.addListener(listener);
  },
};
