import browser from 'webextension-polyfill';
import type { AuthPort, ChallengeAnswer } from './ports';

/** A challenge is answered within 10 s whatever happens (threats T27): a stalled lookup cancels the request. */
const ANSWER_TIMEOUT_MS = 10_000;

/** Firefox accepts a Promise from a 'blocking' onAuthRequired listener (webRequestAuthProvider). */
export const firefoxAuth: AuthPort = {
  onChallenge(handler) {
    browser.webRequest.onAuthRequired.addListener(
      async (details) => {
        const challenger = details.challenger ?? { host: '', port: 0 };
        const timeout = new Promise<ChallengeAnswer>((resolve) =>
          setTimeout(() => resolve('cancel'), ANSWER_TIMEOUT_MS),
        );
        const answer = await Promise.race([
          handler({
            requestId: details.requestId,
            isProxy: details.isProxy,
            host: challenger.host,
            port: challenger.port,
            scheme: details.scheme,
          }),
          timeout,
        ]).catch((): ChallengeAnswer => 'cancel');
        if (answer === 'cancel') return { cancel: true };
        if (answer === 'ignore') return {};
        return { authCredentials: answer };
      },
      { urls: ['<all_urls>'] },
      ['blocking'],
    );
  },
};
