/**
 * The session with the account service: log in, log out, and its end (a 401 for its token, or the
 * settings naming another service). Ending it forgets the session token and the access tokens;
 * the user's choices stay. If the user was connected with the kill switch on, traffic stays
 * blocked (proxy-mode.ts) until they log in again or disconnect.
 */
import type { StoragePort } from '../platform/ports';
import { UserError } from '../shared/errors';
import type { Handlers } from '../shared/messages';
import type { ViewState } from '../shared/view-state';
import { SERVICE_CHANGED, type AccountClients } from './account-clients';
import type { StateAccess } from './controller-context';
import { originOf, type State } from './stored-state';

const BLOCKED_UNTIL_LOGIN = 'Until you log in again or disconnect, your traffic is blocked (kill switch).';

export interface SessionInputs extends StateAccess {
  clients: AccountClients;
  storage: Pick<StoragePort, 'setSession' | 'removeLocal'>;
  now(): number;
  /** Logging in again while the kill switch held traffic picks the connection back up. */
  connectTo(regionId: string): Promise<ViewState>;
  /** Fetches access tokens ahead of need (token-supply.ts); queued after the login. */
  topUpTokens(): void;
}

export function createSession(inputs: SessionInputs) {
  const { state, update, serial, announce, applyProxy, clients, storage, now } = inputs;

  /** Forgets the session locally; `error` says why (null: the user logged out). */
  async function dropSession(error: State['live']): Promise<void> {
    const s0 = await state();
    const keepBlocking = s0.wantConnected && s0.settings.killSwitch && error !== null;
    const live =
      keepBlocking && error?.error
        ? { ...error, error: { ...error.error, message: `${error.error.message} ${BLOCKED_UNTIL_LOGIN}` } }
        : error;
    const s = await update({ session: null, wantConnected: keepBlocking, tokens: null, live, pausedUntil: null });
    await applyProxy(s);
  }

  /**
   * The account service answered 401 for `token`. Only the session that token belongs to has
   * ended: an answer that comes back after the user logged out and in again is about the old one.
   */
  async function sessionExpired(token: string, error: UserError): Promise<void> {
    const ended = await serial(async () => {
      if ((await state()).session?.token !== token) return false;
      await dropSession({ status: 'signedOut', error: { code: error.code, message: error.message } });
      return true;
    });
    if (ended) await announce();
  }

  /** The settings name another service than the session's: signed out locally first. */
  async function dropIfServiceChanged(s: State): Promise<void> {
    if (clients.serviceChanged(s)) {
      await dropSession({ status: 'signedOut', error: { code: 'sessionExpired', message: SERVICE_CHANGED } });
    }
  }

  const handlers: Pick<Handlers, 'login' | 'logout'> = {
    login: ({ email, password }) =>
      serial(async () => {
        if (!email.trim() || !password) throw new UserError('invalidInput', 'Enter your email and password.');
        const s = await state();
        const origin = originOf(clients.urlOf(s));
        if (!origin) throw new UserError('invalidInput', 'The account service address must be an http(s) URL.');
        const { token } = await clients.forLogin(s).login(email.trim(), password);
        const regions = await clients.forLogin(s).regions(token);
        const regionId = regions.some((r) => r.id === s.regionId) ? s.regionId : (regions[0]?.id ?? null);
        const session = { token, email: email.trim(), origin };
        const next = await update({ session, regions, regionId, live: null });
        await storage.setSession({ regionsCheckedAt: now() });
        if (next.wantConnected && regionId) return inputs.connectTo(regionId);
        inputs.topUpTokens(); // queued after this operation: Connect then finds its token held
        return announce();
      }),

    logout: () =>
      serial(async () => {
        const s = await state();
        if (s.session) {
          // Revoke on the server when we can (only the one that issued the token); forget locally whatever happens.
          const token = s.session.token;
          await clients
            .forSession(s)
            .then((client) => client.logout(token))
            .catch(() => undefined);
        }
        await dropSession(null);
        await storage.removeLocal(['session', 'wantConnected']);
        return announce();
      }),
  };

  return { dropSession, sessionExpired, dropIfServiceChanged, handlers };
}
