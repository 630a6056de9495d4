/** A controller on the fake platform, for the anchor regressions (not a test file). */
import { createAccountApi, type AccountApi } from '../../../src/core/account-api';
import { createController } from '../../../src/background/controller';
import { createFakePlatform } from '../../../src/background/fake-platform';
import type { Region } from '../../../src/shared/types';
import { issuerApi } from '../../support/issuer-api';
import { testIssuer } from '../../../server/tokens/test-tokens';

export const DEFAULT_ACCOUNT_URL = 'https://account.test';
export const PASSWORD = 'anchor-password-7f3a';
export const REGIONS: Region[] = [
  {
    id: 'de-fra',
    name: 'Germany',
    country: 'DE',
    city: 'Frankfurt',
    servers: [
      { id: 'de1', host: 'de1.proxy.test', port: 3128, scheme: 'https' },
      { id: 'de2', host: 'de2.proxy.test', port: 3128, scheme: 'https' },
    ],
  },
];

/**
 * `accountApi`: builds the client for a base URL, as the background entry does (by default every
 * URL gets the same stub above).
 */
export function setup(
  stored?: Parameters<typeof createFakePlatform>[0],
  overrides: Partial<AccountApi> = {},
  accountApi?: (baseUrl: string) => AccountApi,
) {
  const fake = createFakePlatform(stored);
  const calls: string[] = [];
  const api: AccountApi = {
    ...issuerApi(calls).api,
    login: async () => ({ token: 'tok-anchor', expiresAt: Date.now() + 3_600_000 }),
    logout: async () => undefined,
    account: async () => ({ email: 'a@b.test', plan: 'premium', planExpiresAt: null }),
    regions: async () => REGIONS,
    ...overrides,
  };
  const controller = createController({
    platform: fake.platform,
    accountApi: accountApi ?? (() => api),
    defaultAccountUrl: DEFAULT_ACCOUNT_URL,
  });
  fake.platform.auth.onChallenge((c) => controller.answerProxyChallenge(c));
  return { ...fake, controller, h: controller.handlers, calls };
}

export async function connected(overrides: Partial<AccountApi> = {}) {
  const t = setup(undefined, overrides);
  await t.h.login({ email: 'a@b.test', password: PASSWORD });
  await t.h.connect({ regionId: 'de-fra' });
  return t;
}

/** A challenge answer that is an access token. */
export function isToken(answer: unknown): boolean {
  const a = answer as { username?: unknown; password?: unknown };
  return (
    typeof a === 'object' &&
    /^[0-9a-f]{16}$/.test(String(a.username)) &&
    /^[A-Za-z0-9_-]{472}$/.test(String(a.password))
  );
}

/**
 * Account services behind the real client, reached through a fetch that records every request:
 * which origin got it, and which session token it carried. `reply` may answer a request itself.
 */
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
        return json({ regions: REGIONS });
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
