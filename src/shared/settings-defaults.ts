/**
 * The user's settings as plain data, with their defaults. Kept apart from the valibot schema
 * (settings.ts) so the popup, which only reads settings, ships no validation library.
 */
export interface Settings {
  /** While connected, requests fail instead of going direct when the region's servers are down. */
  killSwitch: boolean;
  /** While connected, WebRTC may not use non-proxied UDP (hides the real address). */
  webrtcProtection: boolean;
  /** Local names and private address ranges go direct. */
  bypassLocal: boolean;
  /** At browser start, connect to the chosen region even if the VPN was off when the browser closed. */
  autoConnect: boolean;
  /** exclude: everything through the VPN except the list; include: only the list through the VPN. */
  mode: 'exclude' | 'include';
  /** A self-hoster's account service; empty means the build-time default. */
  accountServiceUrl: string;
}

export const DEFAULT_SETTINGS: Settings = {
  killSwitch: true,
  webrtcProtection: true,
  bypassLocal: true,
  autoConnect: false,
  mode: 'exclude',
  accountServiceUrl: '',
};
