/**
 * The `checkConnection` request ("what sites see"): the provider's HTTPS connection check, asked
 * through the proxy on the user's click, only while connected (asked otherwise, it would report the
 * user's own address to the provider). The URL comes with the region list (docs/api.md); the host
 * goes into the privacy panel's list like every other the extension contacts.
 */
import type { AccountApi } from '../core/account-api';
import { checkConnection } from '../core/connection-check';
import { UserError } from '../shared/errors';
import type { Handlers } from '../shared/messages';
import type { State } from './stored-state';

export interface ConnectionCheckInputs {
  state(): Promise<State>;
  /** The client of the service that issued the session (controller.ts `sessionApi`). */
  sessionApi(s: State): Promise<AccountApi>;
  note(url: string): void;
  fetch: typeof globalThis.fetch;
  now(): number;
}

export function createConnectionCheck(inputs: ConnectionCheckInputs): Pick<Handlers, 'checkConnection'> {
  return {
    checkConnection: async () => {
      const s = await inputs.state();
      if (!s.session) throw new UserError('notSignedIn', 'Log in first.');
      const paused = s.pausedUntil !== null && s.pausedUntil > inputs.now();
      // live null: no transition under way, the status is what wantConnected says (core/live-status.ts).
      if (!s.wantConnected || paused || (s.live?.status ?? 'connected') !== 'connected') {
        throw new UserError('invalidInput', 'Connect first: the check shows what sites see through the VPN.');
      }
      const url = await (await inputs.sessionApi(s)).connectionCheckUrl?.(s.session.token);
      if (!url) throw new UserError('invalidInput', 'This provider offers no connection check.');
      inputs.note(url);
      return checkConnection(url, { fetch: inputs.fetch });
    },
  };
}
