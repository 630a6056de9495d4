/**
 * Every key the extension stores, its area and why. This is the privacy allowlist: the storage
 * audit test fails on any other key. `local` survives restarts and holds only the session token
 * and the user's own choices; `session` is memory-only and cleared when the browser closes.
 */
export const LOCAL_KEYS = {
  session: 'account session token, the email it belongs to and the account service (origin) that issued it',
  regions: 'the provider region list (cached so an offline start can reconnect)',
  regionId: 'the region the user chose',
  wantConnected: 'whether the user switched the VPN on (restored after a browser restart)',
  bypass: "the user's bypass list",
  settings: "the user's settings",
  regionPrefs: "the region picker's recently used (last 3) and favourite regions, by id",
  containers: 'the region (or direct) the user chose for each Firefox container, by container id',
} as const;

export const SESSION_KEYS = {
  tokens: 'the token issuer directory and unlinkable access tokens for the current and next epoch (memory only)',
  live: 'live connection status and last error (memory only)',
  regionsCheckedAt: 'when the region list was last refreshed in this browser session (memory only)',
  pausedUntil: 'when a pause the user chose ends, while one runs (memory only)',
  view: 'the last status the popup showed, without the bypass list, so it opens at once (memory only)',
  bypassView: 'the bypass list again, as one text, so the options page shows it at once (memory only)',
} as const;

export type LocalKey = keyof typeof LOCAL_KEYS;
export type SessionKey = keyof typeof SESSION_KEYS;
