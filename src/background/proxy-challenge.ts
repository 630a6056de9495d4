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
  let inFlight: Promise<State['credentials']> | null = null;

  function fetchCredentials(): Promise<State['credentials']> {
    inFlight ??= (async () => {
      const s = await ctx.state();
      if (!s.session) return null;
      const credentials = await (await ctx.api()).proxyCredentials(s.session.token);
      // Disconnect drops them: credentials fetched for a request still in flight are not kept.
      if ((await ctx.state()).wantConnected) await ctx.update({ credentials });
      return credentials;
    })().finally(() => (inFlight = null));
    return inFlight;
  }

  async function onFetchError(error: unknown): Promise<null> {
    if (error instanceof UserError && error.code === 'sessionExpired') {
      await ctx.serial(() =>
        ctx.dropSession({ status: 'signedOut', error: { code: error.code, message: error.message } }),
      );
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
      credentials = await fetchCredentials().catch(onFetchError);
    }
    return credentials ? { username: credentials.username, password: credentials.password } : 'cancel';
  };
}
