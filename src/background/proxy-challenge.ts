/**
 * Answers our proxies' 407 challenges. Only for our own servers' host:port (never a website's 401
 * or another proxy: threats F9), at most twice per request (a refused answer never loops into a
 * browser dialog: F10), with the session's short-lived credentials, fetched once for all the
 * challenges that arrive together and refreshed shortly before they expire. Our servers speak only
 * Basic: a Digest or NTLM challenge in their name (a hostile or impostor proxy, T49) is cancelled,
 * never answered (Chromium would send the user name and a hash), and `onRefused` tells the user.
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
import { createChallengeCounter } from './challenge-counter';
import type { ControllerContext } from './context';
import type { State } from './state';

const CREDENTIALS_MARGIN_MS = 60_000;

export function createChallengeAnswerer(ctx: ControllerContext, onRefused: () => void = () => undefined) {
  const challenges = createChallengeCounter();
  // One fetch per session token for all the challenges that arrive together. Keyed by token: a
  // challenge after a logout and a new login must not join a fetch made with the old token.
  const inFlight = new Map<string, Promise<State['credentials']>>();

  function fetchCredentials(token: string): Promise<State['credentials']> {
    let fetching = inFlight.get(token);
    if (!fetching) {
      fetching = (async () => {
        const credentials = await (await ctx.api()).proxyCredentials(token);
        // Kept only while connected in the same session: Disconnect drops them, and a fetch for
        // an earlier session must not overwrite the new one's.
        const now = await ctx.state();
        if (now.wantConnected && now.session?.token === token) await ctx.update({ credentials });
        return credentials;
      })().finally(() => inFlight.delete(token));
      inFlight.set(token, fetching);
    }
    return fetching;
  }

  async function onFetchError(error: unknown, token: string): Promise<null> {
    if (error instanceof UserError && error.code === 'sessionExpired') {
      await ctx.serial(async () => {
        // Only the session that expired: after a logout and a new login, the old token's refusal
        // is no news about the new session (the e2e re-login lost its new session this way).
        if ((await ctx.state()).session?.token !== token) return;
        await ctx.dropSession({ status: 'signedOut', error: { code: error.code, message: error.message } });
      });
      await ctx.announce();
    }
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
    if (attempt === 2 || !credentials || credentials.expiresAt - ctx.now() < CREDENTIALS_MARGIN_MS) {
      const { token } = s.session;
      credentials = await fetchCredentials(token).catch((error: unknown) => onFetchError(error, token));
    }
    return credentials ? { username: credentials.username, password: credentials.password } : 'cancel';
  };
}
