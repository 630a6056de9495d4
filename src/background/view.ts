/** The snapshot a UI renders, derived from the background state. Pure. */
import type { ProxyControl, ViewState } from '../shared/view-state';
import type { State } from './state';

export function viewOf(state: State, proxyControl: ProxyControl): ViewState {
  const status = !state.session
    ? 'signedOut'
    : (state.live?.status ?? (state.wantConnected ? 'connected' : 'disconnected'));
  return {
    status,
    email: state.session?.email ?? null,
    regions: state.regions.map(({ id, name, country, city }) => ({ id, name, country, city })),
    regionId: state.regionId ?? state.regions[0]?.id ?? null,
    error: state.live?.error ?? null,
    proxyControl,
    settings: state.settings,
    bypass: state.bypass,
  };
}
