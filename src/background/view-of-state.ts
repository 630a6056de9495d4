/** The snapshot a UI renders, derived from the background state. Pure. */
import type { PrivacySetting, ProxyControl, ViewState } from '../shared/view-state';
import { giveawayOf, type BrowserLocale } from '../core/giveaway';
import type { State } from './stored-state';

const TAKEN_OVER = {
  code: 'proxyControlledByOther',
  message: 'Another extension controls the proxy settings, so Zone VPN cannot protect you. Disable it.',
} as const;

export function viewOf(
  state: State,
  proxyControl: ProxyControl,
  privateWindowsProtected = true,
  now = Date.now(),
  privacyNotApplied: PrivacySetting[] = [],
  locale?: BrowserLocale,
): ViewState {
  // Another extension's proxy setting wins over ours: while the user wants to be connected, that
  // is an error they must see, not a silent "Connected" (threats F14).
  const takenOver = state.session !== null && state.wantConnected && proxyControl === 'otherExtension';
  const paused = state.wantConnected && state.pausedUntil !== null && now < state.pausedUntil;
  const status = !state.session
    ? 'signedOut'
    : takenOver
      ? 'error'
      : paused
        ? 'paused'
        : (state.live?.status ?? (state.wantConnected ? 'connected' : 'disconnected'));
  const region = state.regions.find((r) => r.id === state.regionId);
  return {
    status,
    email: state.session?.email ?? null,
    regions: state.regions.map(({ id, name, country, city, load }) =>
      load === undefined ? { id, name, country, city } : { id, name, country, city, load },
    ),
    regionId: state.regionId ?? state.regions[0]?.id ?? null,
    error: takenOver ? TAKEN_OVER : (state.live?.error ?? null),
    proxyControl,
    privateWindowsProtected,
    switchedOn: state.wantConnected,
    pausedUntil: state.session && paused ? state.pausedUntil : null,
    settings: state.settings,
    bypass: state.bypass,
    tokenKey: state.tokens?.fingerprint ?? null,
    privacyNotApplied,
    ...(status === 'connected' && region && locale ? { giveaway: giveawayOf(region.country, locale) } : {}),
  };
}
