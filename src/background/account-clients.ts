/**
 * Which account service a call goes to. The settings name the service (a self-hoster may set
 * one); a session token goes only to the service that issued it (bound to its origin at login,
 * stored-state.ts). One client per base URL, kept for the background's life: it remembers how long a 429
 * asked us to wait (core/account-api.ts).
 */
import type { AccountApi } from '../core/account-api';
import { UserError } from '../shared/errors';
import { originOf, type State } from './stored-state';

export const SERVICE_CHANGED = 'The account service changed, so you were logged out. Log in to the new one.';

export interface AccountClients {
  /** The base URL the settings name (the build's default when empty). */
  urlOf(s: State): string;
  /** The client for calls without a token (login). */
  forLogin(s: State): AccountApi;
  /**
   * The client for calls that carry the session token: only the service that issued it. Another
   * one (the user changed the setting, or it was corrupted) gets nothing: the call fails with
   * `sessionExpired`, which signs the user out.
   */
  forSession(s: State): Promise<AccountApi>;
  /** True when the settings name another service than the one that issued the session's token. */
  serviceChanged(s: State): boolean;
}

export function createAccountClients(
  build: (baseUrl: string, onRequest: (url: string) => void) => AccountApi,
  defaultUrl: string,
  onRequest: (url: string) => void,
): AccountClients {
  const clients = new Map<string, AccountApi>();
  const urlOf = (s: State) => s.settings.accountServiceUrl || defaultUrl;
  const serviceChanged = (s: State) => s.session !== null && originOf(urlOf(s)) !== s.session.origin;
  function forLogin(s: State): AccountApi {
    const url = urlOf(s);
    let client = clients.get(url);
    if (!client) clients.set(url, (client = build(url, onRequest)));
    return client;
  }
  return {
    urlOf,
    forLogin,
    serviceChanged,
    async forSession(s) {
      if (!s.session || serviceChanged(s)) throw new UserError('sessionExpired', SERVICE_CHANGED);
      return forLogin(s);
    },
  };
}
