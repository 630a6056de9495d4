/**
 * Answers our proxies' 407 challenges with access tokens. Only for our own servers' host:port
 * (never a website's 401 or another proxy: threats F9), at most twice per request (a refused
 * answer never loops into a browser dialog: F10). Our servers speak only Basic: a Digest or NTLM
 * challenge in their name (a hostile or impostor proxy, T49) is cancelled, never answered, and
 * `onProblem` tells the user.
 *
 * The answer is the held token for the challenged server's region and the current epoch: one token
 * per epoch and region, so a proxy cannot link the user's connections across regions or epochs.
 * A first challenge is normal at an epoch change (the browser re-sends its cached token until the
 * proxy refuses it, docs/browser-facts.md); a second one for the same request means our token was
 * refused: it is dropped and a fresh one minted once; a third is cancelled, the user is told, and
 * traffic stays blocked.
 *
 * Our own server's challenge is never left unanswered ('ignore', an empty answer): both browsers
 * then hand it to their own login dialog. Firefox does that even on a cancel for requests an add-on
 * may not cancel, its own background requests among them (WebRequest.sys.mjs skips `cancel` when
 * `!channel.canModify` and forwards the challenge to the prompt). So while the user is signed in,
 * our servers get a token, also for a request routed to them just before a Disconnect; once signed
 * out there is none, and it is cancelled.
 */
import type { ChallengeAnswer, ProxyChallenge } from '../platform/ports';
import type { AnswerError } from '../shared/errors';
import type { AccessToken } from '../core/token-mint';
import { createChallengeCounter } from './challenge-counter';
import type { ControllerContext } from './controller-context';
import type { createTokenSupply } from './token-supply';

export const TOKEN_REFUSED: AnswerError = {
  code: 'tokenRefused',
  message:
    'The VPN server refused the access token, so your traffic is blocked. Try another region, or log out and in again; if it goes on, the provider has a problem.',
};

type Supply = ReturnType<typeof createTokenSupply>;

export function createChallengeAnswerer(
  ctx: Pick<ControllerContext, 'state'>,
  supply: Supply,
  onProblem: (error: AnswerError | null) => void = () => undefined,
) {
  const challenges = createChallengeCounter();
  /** The token we answered each request with, to drop it if the proxy refuses it. */
  const answered = new Map<string, AccessToken>();

  return async function answer(challenge: ProxyChallenge): Promise<ChallengeAnswer> {
    if (!challenge.isProxy) return 'ignore';
    const s = await ctx.state();
    const region = s.regions.find((r) =>
      r.servers.some((srv) => srv.host === challenge.host && srv.port === challenge.port),
    );
    if (!region) return 'ignore';
    if (!s.session) return 'cancel';
    if (challenge.scheme.toLowerCase() !== 'basic') {
      onProblem(null);
      return 'cancel';
    }
    const attempt = challenges.count(challenge.requestId);
    if (attempt > 2) {
      answered.delete(challenge.requestId);
      onProblem(TOKEN_REFUSED);
      return 'cancel';
    }
    const refused = attempt === 2 ? answered.get(challenge.requestId) : undefined;
    const token = await supply.tokenForChallenge(region.id, refused);
    if (!token) {
      answered.delete(challenge.requestId);
      // A late answer about a session the user has left (logout, new login) tells nothing now.
      if ((await ctx.state()).session?.token !== s.session.token) return 'cancel';
      const problem = supply.lastProblem();
      onProblem(problem ? { code: problem.code, message: problem.message } : TOKEN_REFUSED);
      return 'cancel';
    }
    if (answered.size > 1000) answered.clear(); // requests whose challenges ended; bounded memory
    answered.set(challenge.requestId, token);
    return { username: token.username, password: token.token };
  };
}
