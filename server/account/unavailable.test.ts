/**
 * PostgreSQL stopped under a running account service: 503 `service_unavailable` with Retry-After
 * (no 500, no details), and everything works again once it is back, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabases } from '../test-databases.ts';
import { DEMO, api, login, startTestProvider } from '../test-support.ts';
import type { TestProvider } from '../test-support.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';

const databases = useTestDatabases();

describe('account service while PostgreSQL is down', () => {
  let provider: TestProvider;

  beforeAll(async () => {
    provider = await startTestProvider({ database: await databases.newDatabase('postgres') });
  }, 60_000);
  afterAll(() => provider?.dispose());

  it('answers 503 service_unavailable with Retry-After, then recovers by itself', async () => {
    const token = await login(provider.accountUrl);
    const postgres = await databases.postgres();
    await postgres.stop();
    try {
      const signIn = await api(provider.accountUrl, 'POST', '/v1/sessions', { body: DEMO });
      expect(signIn.status).toBe(503);
      expect(signIn.body).toEqual({
        error: { code: 'service_unavailable', message: 'The service is unavailable; try again shortly' },
      });
      expect(Number(signIn.headers.get('retry-after'))).toBeGreaterThan(0);
      const account = await api(provider.accountUrl, 'GET', '/v1/account', { token });
      expect(account.status).toBe(503);
      expect(account.body.error?.code).toBe('service_unavailable');
      // Probes that need no database still answer.
      expect((await api(provider.accountUrl, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await postgres.start();
    }
    expect((await api(provider.accountUrl, 'GET', '/v1/account', { token })).status).toBe(200);
    expect(await login(provider.accountUrl)).toMatch(/^[\w-]{43}$/);
  }, 60_000);
});

describe('isDatabaseUnavailable', () => {
  const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('knows connection failures and PostgreSQL shutdown states', () => {
    expect(isDatabaseUnavailable(coded('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(coded('57P01'))).toBe(true);
    expect(isDatabaseUnavailable(coded('08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: coded('ECONNRESET') }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([coded('ECONNREFUSED')]))).toBe(true);
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(isDatabaseUnavailable(coded('23505'))).toBe(false); // unique violation
    expect(isDatabaseUnavailable(coded('42P01'))).toBe(false); // undefined table
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
