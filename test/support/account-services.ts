/**
 * Account services behind the real account-service client (src/core/account-api.ts), for
 * controller tests that need one client per base URL: a fetch that records every request (which
 * origin got it, which session token it carried) and answers like the provider. `reply` may answer
 * a request itself.
 */
import { createAccountApi } from '../../src/core/account-api';
import { testIssuer } from '../../server/tokens/test-tokens';
import { PROXY_TEST_REGIONS } from './regions';

export function accountServices(reply: (url: URL, method: string) => Response | undefined = () => undefined) {
  const requests: { origin: string; path: string; token: string | null }[] = [];
  const { issuer } = testIssuer();
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const authorization = (init?.headers as Record<string, string> | undefined)?.authorization;
    requests.push({ origin: url.origin, path: url.pathname, token: authorization?.replace(/^Bearer /, '') ?? null });
    const custom = reply(url, method);
    if (custom) return custom;
    switch (`${method} ${url.pathname}`) {
      case 'POST /v1/sessions':
        return json({ token: `session-of-${url.host}`, expiresAt: Date.now() + 3_600_000 }, 201);
      case 'GET /v1/regions':
        return json({ regions: PROXY_TEST_REGIONS });
      case 'GET /.well-known/private-token-issuer-directory':
        return json(issuer.directory(Date.now()));
      case 'POST /v1/tokens': {
        const { tokenRequests } = JSON.parse(String(init?.body)) as { tokenRequests: string[] };
        return json({ tokenResponses: tokenRequests.map((r) => issuer.sign(r).toString('base64url')) });
      }
      case 'DELETE /v1/sessions/current':
        return new Response(null, { status: 204 });
      default:
        return json({ error: { code: 'notFound', message: 'no such path' } }, 404);
    }
  };
  return {
    requests,
    /** Origins that received a session token. */
    tokenOrigins: () => [...new Set(requests.filter((r) => r.token).map((r) => r.origin))],
    accountApi: (baseUrl: string) => createAccountApi({ baseUrl, fetch, retries: 0 }),
  };
}
