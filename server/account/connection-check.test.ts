import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { api, login, startTestProvider, testConfig, type TestProvider } from '../test-support.ts';

/** GET over TLS as a client that trusts only the provider's certificate, `*.test` -> 127.0.0.1. */
function getTrusting(url: string, ca: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      { ca, lookup: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]) },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    request.on('error', reject);
  });
}

describe('the HTTPS connection check ("what sites see")', () => {
  let provider: TestProvider;

  beforeAll(async () => {
    const config = testConfig();
    config.connectionCheck = { host: '127.0.0.1', port: 0, name: 'check.zone.test', countries: { '127.0.0.1': 'DE' } };
    provider = await startTestProvider({ config });
  });
  afterAll(() => provider?.dispose());

  it('is announced with the regions and answers the address and its country over TLS for its name', async () => {
    const token = await login(provider.accountUrl);
    const regions = await api(provider.accountUrl, 'GET', '/v1/regions', { token });
    const url = (regions.body as { connectionCheckUrl?: string }).connectionCheckUrl;
    expect(url).toMatch(/^https:\/\/check\.zone\.test:\d+\/v1\/connection-check$/);
    expect(url).toBe(provider.connectionCheckUrl);
    expect(await getTrusting(url!, provider.tls!.cert)).toEqual({
      status: 200,
      body: { ip: '127.0.0.1', country: 'DE' },
    });
  });

  it('the account service answers the same way; without the check configured: country null, no URL announced', async () => {
    const answer = await api(provider.accountUrl, 'GET', '/v1/connection-check');
    expect(answer.body).toEqual({ ip: '127.0.0.1', country: 'DE' });
    const plain = await startTestProvider();
    try {
      expect((await api(plain.accountUrl, 'GET', '/v1/connection-check')).body).toEqual({
        ip: '127.0.0.1',
        country: null,
      });
      const token = await login(plain.accountUrl);
      expect((await api(plain.accountUrl, 'GET', '/v1/regions', { token })).body).not.toHaveProperty(
        'connectionCheckUrl',
      );
    } finally {
      await plain.dispose();
    }
  });

  it('refuses a config whose check name is not a DNS name or whose countries are not ISO codes', () => {
    const config = testConfig();
    const bad = (check: unknown) => () => parseConfig({ ...config, connectionCheck: check });
    expect(bad({ host: '127.0.0.1', port: 0, name: 'not a name' })).toThrow(/DNS name/);
    expect(bad({ host: '127.0.0.1', port: 0, name: 'check.test', countries: { '127.0.0.2': 'Japan' } })).toThrow(/ISO/);
  });
});
