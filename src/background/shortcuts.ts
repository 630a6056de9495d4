/**
 * Keyboard shortcuts (manifest `commands`, reassignable by the user in the browser): switch the
 * VPN on or off with the chosen region, or bypass the VPN for the active tab's site (or stop
 * bypassing it), through the same handlers as the popup's controls. A failure shows in the popup as
 * the next state; a shortcut has nobody to answer.
 */
import type { Handlers } from '../shared/messages';
import { siteView } from './bypass-list';
import type { State } from './stored-state';

export interface ShortcutInputs {
  state(): Promise<State>;
  activeTab(): Promise<{ id: number; url: string } | null>;
  handlers: Pick<Handlers, 'connect' | 'disconnect' | 'setSiteBypass'>;
}

export function createShortcuts({ state, activeTab, handlers }: ShortcutInputs) {
  return async function run(name: string): Promise<void> {
    const s = await state();
    if (name === 'toggle-vpn') {
      if (s.wantConnected) await handlers.disconnect(undefined);
      else if (s.session && s.regionId) await handlers.connect({ regionId: s.regionId }).catch(() => undefined);
    } else if (name === 'bypass-site') {
      const tab = await activeTab().catch(() => null);
      const site = tab ? siteView(s.bypass, tab.url) : null;
      if (site?.site) await handlers.setSiteBypass({ site: site.site, bypass: !site.bypassed });
    }
  };
}
