/** A controller on the fake platform, for the anchor regressions (not a test file). */
import type { AccountApi } from '../../../src/core/account-api';
import { createController } from '../../../src/background/controller';
import { createFakePlatform } from '../../../src/background/fake-platform';
import type { Region } from '../../../src/shared/types';
import { issuerApi } from '../../support/issuer-api';

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

export function setup(stored?: Parameters<typeof createFakePlatform>[0], overrides: Partial<AccountApi> = {}) {
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
    accountApi: () => api,
    defaultAccountUrl: 'https://account.test',
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
