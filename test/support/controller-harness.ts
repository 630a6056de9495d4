/**
 * The one controller test harness: the real background controller (src/background/controller.ts)
 * over the in-memory platform (src/background/fake-platform.ts) and an account API the test
 * chooses. It lives in test/support, not beside the fake platform in src/, because it signs
 * tokens with the provider's real issuer (server/tokens via issuer-api.ts): src/ holds what the
 * extension ships and what it is typed against, and every non-test file there counts as shipped
 * for the third-party scan (test/unit/regressions/anchor-F12-third-parties.test.ts).
 */
import { expect, vi } from 'vitest';
import type { AccountApi } from '../../src/core/account-api';
import { createController } from '../../src/background/controller';
import { createFakePlatform } from '../../src/background/fake-platform';
import type { Platform } from '../../src/background/platform';
import { UserError, type ErrorCode } from '../../src/shared/errors';
import type { Region } from '../../src/shared/provider-types';
import { issuerApi } from './issuer-api';
import { LOOPBACK_REGIONS, PROXY_TEST_REGIONS } from './regions';

/** The build's default account service in unit tests (nothing listens there). */
export const ACCOUNT_URL = 'http://127.0.0.1:18100';
/** The only password the stub account service accepts. */
export const PASSWORD = 'zone-test-password-7f3a';
export const EMAIL = 'a@b.test';
/** The session token the stub gives EMAIL at login. */
export const SESSION_TOKEN = `token-for-${EMAIL}`;
const HOUR = 3_600_000;

const TOKEN_NAME = /^[0-9a-f]{16}$/;
const TOKEN_TEXT = /^[A-Za-z0-9_-]{472}$/;
/** Matches a challenge answer that is an access token (Basic username = key hash, password = token). */
export const A_TOKEN = { username: expect.stringMatching(TOKEN_NAME), password: expect.stringMatching(TOKEN_TEXT) };
/** Whether a challenge answer is an access token. */
export function isToken(answer: unknown): boolean {
  const a = answer as { username?: unknown; password?: unknown } | null;
  return (
    typeof a === 'object' && a !== null && TOKEN_NAME.test(String(a.username)) && TOKEN_TEXT.test(String(a.password))
  );
}

export type Stored = Parameters<typeof createFakePlatform>[0];

/** An account API method that fails as the client reports a failure: a UserError with `code`. */
export const failsWith =
  (code: ErrorCode, message: string = code) =>
  async (): Promise<never> => {
    throw new UserError(code, message);
  };

export interface HarnessOptions {
  /** What storage holds before the controller reads it (a wake or browser start when given). */
  stored?: Stored;
  /** Replaces methods of the stub account API (login, regions, issueTokens…). */
  api?: Partial<AccountApi>;
  /** Builds the client per base URL, as the background entry does; replaces the stub (and `api`). */
  accountApi?: (baseUrl: string, onRequest: (url: string) => void) => AccountApi;
  /** What the stub lists; LOOPBACK_REGIONS unless given. */
  regions?: Region[];
  /** The build's default account service. */
  accountUrl?: string;
  /** Whether the fake browser's proxy challenges reach the controller (true unless false). */
  challenges?: boolean;
  /** The controller's and the stub issuer's clock. */
  now?: () => number;
  /** Runs before the controller exists (it reads storage at once): puts a browser-API fault in place. */
  breakPlatform?: (platform: Platform) => void;
}

/**
 * The stub account service: one account (EMAIL / PASSWORD), the session token `token-for-<email>`,
 * a real token issuer. Records calls in order: login, logout, regions, directory, tokens.
 */
function stubAccountApi(calls: string[], regions: Region[], now: () => number): AccountApi {
  return {
    ...issuerApi(calls, { now }).api,
    login: async (email, password) => {
      calls.push('login');
      if (password !== PASSWORD) throw new UserError('badCredentials', 'Wrong email or password.');
      return { token: `token-for-${email}`, expiresAt: now() + HOUR };
    },
    logout: async () => void calls.push('logout'),
    account: async () => ({ email: EMAIL, plan: 'premium', planExpiresAt: null }),
    regions: async () => (calls.push('regions'), regions),
  };
}

/** An issueTokens that first runs `before` (which may wait or throw), then signs with a real issuer. */
export function issueTokensAfter(before: (session: string) => unknown): AccountApi['issueTokens'] {
  const signer = issuerApi().api;
  return async (session, requests) => (await before(session), signer.issueTokens(session, requests));
}

export function setup(options: HarnessOptions = {}) {
  const fake = createFakePlatform(options.stored);
  options.breakPlatform?.(fake.platform);
  const calls: string[] = [];
  const now = options.now ?? Date.now;
  const api = { ...stubAccountApi(calls, options.regions ?? LOOPBACK_REGIONS, now), ...options.api };
  const controller = createController({
    platform: fake.platform,
    accountApi: options.accountApi ?? (() => api),
    defaultAccountUrl: options.accountUrl ?? ACCOUNT_URL,
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.challenges !== false) fake.platform.auth.onChallenge((c) => controller.answerProxyChallenge(c));
  return { ...fake, controller, h: controller.handlers, calls };
}

export type Harness = ReturnType<typeof setup>;

/** Logs in with the account's password. */
export function signIn(t: Harness) {
  return t.h.login({ email: EMAIL, password: PASSWORD });
}

/** Waits for the tokens fetched in the background after sign-in. */
export async function prefetched(t: Harness) {
  await vi.waitFor(
    () => expect((t.session.tokens as { tokens?: unknown[] } | null)?.tokens?.length).toBeGreaterThan(0),
    { timeout: 10_000 },
  );
}

/** Signs `t` in, waits for its tokens and connects it to de-fra. */
export async function connect<T extends Harness>(t: T): Promise<T> {
  await signIn(t);
  await prefetched(t);
  await t.h.connect({ regionId: 'de-fra' });
  return t;
}

/** Signs in and presses Connect for de-fra at once (no wait for tokens): the harness and the answer. */
export async function signInAndConnect(options: HarnessOptions = {}) {
  const t = setup(options);
  await signIn(t);
  return { t, view: await t.h.connect({ regionId: 'de-fra' }) };
}

/** A harness signed in, tokens held, connected to de-fra. */
export const connected = (options: HarnessOptions = {}) => connect(setup(options));

/** A provider whose proxies are https servers under .proxy.test (the anchor regressions'). */
export const HTTPS_PROVIDER: HarnessOptions = { regions: PROXY_TEST_REGIONS };
