/**
 * Answers our proxies' 407 challenges. Only for our own servers' host:port (never a website's 401
 * or another proxy: threats F9), at most twice per request (a refused answer never loops into a
 * browser dialog: F10), with the session's short-lived credentials, fetched once for all the
 * challenges of one session that arrive together and renewed shortly before they expire (in the
 * last quarter of their lifetime, at most 60 s before). Our servers speak only Basic: a Digest or
 * NTLM challenge in their name (a hostile or impostor proxy, T49) is cancelled, never answered
 * (Chromium would send the user name and a hash), and `onRefused` tells the user.
 *
 * Our own server's challenge is never left unanswered ('ignore', an empty answer): both browsers
 * then hand it to their own login dialog. Firefox does that even on a cancel for requests an add-on
 * may not cancel, its own background requests among them (WebRequest.sys.mjs skips `cancel` when
 * `!channel.canModify` and forwards the challenge to the prompt). So while the user is signed in,
 * our servers get the session's credentials, also for a request routed to them just before a
 * Disconnect (fetched for it then, not kept); once signed out there are none, and it is cancelled.
 */
import { UserError } from '../shared/errors';
import type { ChallengeAnswer, ProxyChallenge } from '../platform/types';
import type { ProxyCredentials } from '../shared/types';
import { createChallengeCounter } from './challenge-counter';
import type { ControllerContext } from './context';
import type { HeldCredentials, State } from './state';

const MAX_RENEWAL_MARGIN_MS = 60_000;

/** Fresh credentials as the background keeps them: with the lifetime they have as they arrive. */
export function held(credentials: ProxyCredentials, now: number): HeldCredentials {
  return { ...credentials, lifetimeMs: Math.max(0, credentials.expiresAt - now) };
}

/**
 * How long before their expiry credentials are renewed: a quarter of their lifetime, at most 60 s.
 * A fixed 60 s fetched credentials that live less than that again on every challenge.
 */
export function renewalMargin(credentials: HeldCredentials): number {
  return Math.min(MAX_RENEWAL_MARGIN_MS, (credentials.lifetimeMs ?? Infinity) / 4);
}

export function createChallengeAnswerer(ctx: ControllerContext, onRefused: () => void = () => undefined) {
  const challenges = createChallengeCounter();
  /** The one fetch in flight, and the session (token) it was made for. */
  let inFlight: { token: string; credentials: Promise<State['credentials']> } | null = null;

  /**
   * Fresh credentials for the session `token` belongs to; null once the user has left that
   * session (logout, a new login). A fetch is shared only by challenges of the same session: the
   * first challenge after a new login once joined a fetch sent with the old token just before
   * logout, got its 401, and that 401 signed the user out of the new session (re-login e2e).
   */
  function fetchCredentials(token: string): Promise<State['credentials']> {
    if (inFlight?.token === token) return inFlight.credentials;
    const credentials = (async () => {
      const fetched = held(await (await ctx.api()).proxyCredentials(token), ctx.now());
      // Written in turn with logout and login, and only for the session that asked for them;
      // after a Disconnect they serve the request in flight and are not kept.
      return ctx.serial(async () => {
        const now = await ctx.state();
        if (now.session?.token !== token) return null;
        if (now.wantConnected) await ctx.update({ credentials: fetched });
        return fetched;
      });
    })()
      .catch((error: unknown) => onFetchError(token, error))
      .finally(() => {
        if (inFlight?.credentials === credentials) inFlight = null;
      });
    inFlight = { token, credentials };
    return credentials;
  }

  async function onFetchError(token: string, error: unknown): Promise<null> {
    if (error instanceof UserError && error.code === 'sessionExpired') await ctx.sessionExpired(token, error);
    return null;
  }

  return async function answer(challenge: ProxyChallenge): Promise<ChallengeAnswer> {
    if (!challenge.isProxy) return 'ignore';
    const s = await ctx.state();
    const ours = s.regions.some((r) =>
      r.servers.some((srv) => srv.host === challenge.host && srv.port === challenge.port),
    );
    if (!ours) return 'ignore';
    if (!s.session) return 'cancel';
    if (challenge.scheme.toLowerCase() !== 'basic') {
      onRefused();
      return 'cancel';
    }
    const attempt = challenges.count(challenge.requestId);
    if (attempt > 2) return 'cancel';
    let credentials = s.wantConnected ? s.credentials : null;
    // A second challenge means the cached credentials were refused: fetch fresh ones once.
    if (attempt === 2 || !credentials || credentials.expiresAt - ctx.now() < renewalMargin(credentials)) {
      credentials = await fetchCredentials(s.session.token);
    }
    return credentials ? { username: credentials.username, password: credentials.password } : 'cancel';
  };
}
