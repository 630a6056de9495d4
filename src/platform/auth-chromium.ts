import type { AuthPort, ChallengeAnswer } from './ports';

/** A challenge is answered within 10 s whatever happens (threats T27): a stalled lookup cancels the request. */
const ANSWER_TIMEOUT_MS = 10_000;

function toResponse(answer: ChallengeAnswer): chrome.webRequest.BlockingResponse {
  if (answer === 'cancel') return { cancel: true };
  if (answer === 'ignore') return {};
  return { authCredentials: answer };
}

/**
 * Chromium ignores a Promise returned from onAuthRequired: it must be 'asyncBlocking' with the
 * callback, and the callback must always be called or the request hangs (docs/browser-facts.md).
 */
export const chromiumAuth: AuthPort = {
  onChallenge(handler) {
    chrome.webRequest.onAuthRequired.addListener(
      (details, callback) => {
        let answered = false;
        const finish = (response: chrome.webRequest.BlockingResponse) => {
          if (answered) return;
          answered = true;
          clearTimeout(timer);
          callback(response);
        };
        const timer = setTimeout(() => finish({ cancel: true }), ANSWER_TIMEOUT_MS);
        const { requestId, isProxy, challenger, scheme } = details;
        handler({ requestId, isProxy, host: challenger.host, port: challenger.port, scheme }).then(
          (answer) => finish(toResponse(answer)),
          () => finish({ cancel: true }),
        );
      },
      { urls: ['<all_urls>'] },
      ['asyncBlocking'],
    );
  },
};
