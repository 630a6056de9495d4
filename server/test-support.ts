/** Helpers for the server tests: a provider on port 0 with a temp database, and a JSON API client. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from './config.ts';
import type { Region } from '../src/shared/provider-types.ts';
import type { ProviderConfig } from './config.ts';
import { startProvider } from './provider.ts';
import { createAccountApi } from '../src/core/account-api.ts';
import { epochOf } from '../src/core/issuer-directory.ts';
import { mintTokens } from '../src/core/token-mint.ts';
import type { ProviderOptions, RunningProvider } from './provider.ts';

/** Cheap scrypt for tests; the default cost is tested where timing matters. */
export const FAST_TEST_COST = { N: 1024, r: 8, p: 1 };

/** Shared by test providers on one PostgreSQL database, as a fleet's nodes share theirs. */
export const TEST_RATE_LIMIT_KEY = 'test-rate-limit-key-0123456789';

export const DEMO = { email: 'demo@zone.test', password: 'correct horse battery staple' };

export function testConfig(schemes: Array<'http' | 'https'> = ['http', 'http']): ProviderConfig {
  return parseConfig({
    accountService: { host: '127.0.0.1', port: 0 },
    regions: [
      {
        id: 'de-fra',
        name: 'Germany',
        country: 'DE',
        city: 'Frankfurt',
        servers: schemes.map((scheme, i) => ({ id: `de-fra-${i + 1}`, host: '127.0.0.1', port: 0, scheme })),
      },
      {
        id: 'jp-tyo',
        name: 'Japan',
        country: 'JP',
        city: 'Tokyo',
        servers: [{ id: 'jp-tyo-1', host: '127.0.0.1', port: 0, scheme: 'http' }],
      },
    ],
    hosts: { '*.test': '127.0.0.1' },
  });
}

export interface TestProvider extends RunningProvider {
  dir: string;
  /** The SQLite file in `dir`, or the `database` option given (a postgres:// URL). */
  database: string;
  /** Closes the provider and removes the temp folder. */
  dispose(): Promise<void>;
}

export async function startTestProvider(options: Partial<ProviderOptions> = {}): Promise<TestProvider> {
  const dir = await mkdtemp(join(tmpdir(), 'zone-provider-test-'));
  const database = options.database ?? join(dir, 'provider.sqlite');
  const provider = await startProvider({
    config: testConfig(),
    database,
    rateLimitKey: TEST_RATE_LIMIT_KEY,
    demoAccount: DEMO,
    passwordCost: FAST_TEST_COST,
    // Beside the test's files, also for PostgreSQL (where the CLI requires one).
    tokenKey: { file: join(dir, 'token-issuer-key.pem') },
    ...options,
  });
  return {
    ...provider,
    dir,
    database,
    dispose: async () => {
      await provider.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every field any endpoint answers, all optional: tests read what they expect. */
export interface ApiBody {
  error?: { code: string; message: string };
  token?: string;
  expiresAt?: number;
  email?: string;
  plan?: string;
  planExpiresAt?: number | null;
  regions?: Region[];
  username?: string;
  password?: string;
  ip?: string;
  ok?: boolean;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: ApiBody;
}

export async function api(
  base: string,
  method: string,
  path: string,
  init: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(new URL(path, base), { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as ApiBody) : {} };
}

export async function login(base: string, email = DEMO.email, password = DEMO.password): Promise<string> {
  const answer = await api(base, 'POST', '/v1/sessions', { body: { email, password } });
  if (answer.status !== 201) throw new Error(`login failed: ${answer.status}`);
  if (!answer.body.token) throw new Error('no token');
  return answer.body.token;
}

/**
 * Access tokens as the extension mints them (the same core code: src/core/token-mint.ts), for a
 * signed-in session: one per (region, epoch), epoch default the current one.
 */
export async function mintTestTokens(
  base: string,
  session: string,
  needs: Array<{ regionId: string; epoch?: number }>,
): Promise<Array<{ regionId: string; epoch: number; username: string; password: string }>> {
  const client = createAccountApi({ baseUrl: base, fetch, retries: 0 });
  const issuer = await client.issuerDirectory();
  const now = Date.now();
  const current = epochOf(issuer, now);
  const tokens = await mintTokens(
    issuer,
    needs.map((need) => ({ regionId: need.regionId, epoch: need.epoch ?? current })),
    (requests) => client.issueTokens(session, requests),
    now,
  );
  return tokens.map((t) => ({ regionId: t.regionId, epoch: t.epoch, username: t.username, password: t.token }));
}

/** Logs the demo account in and mints one token for `regionId` (current epoch). */
export async function proxyCredentialsFor(
  base: string,
  regionId: string,
): Promise<{ username: string; password: string }> {
  const [token] = await mintTestTokens(base, await login(base), [{ regionId }]);
  if (!token) throw new Error('no token');
  return { username: token.username, password: token.password };
}
