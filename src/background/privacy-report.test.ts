import { describe, expect, it } from 'vitest';
import type { AccountApi } from '../core/account-api';
import { createContactLog } from '../core/contact-log';
import { LOCAL_KEYS, SESSION_KEYS } from '../shared/storage-keys';
import { createController } from './controller';
import { createFakePlatform } from './fake-platform';
import { createPrivacyReport } from './privacy-report';

const TOKEN = 'the-session-token-0123456789';
const REGION = { id: 'de-fra', name: 'Germany', country: 'DE', city: 'Frankfurt' };
const server = { id: 'd1', host: '127.0.0.1', port: 18101, scheme: 'http' };

describe('the privacy report', () => {
  it('lists every stored key with its size and what it holds, never a value', async () => {
    const fake = createFakePlatform();
    // The account service client tells each request's URL, as src/core/account-api.ts does.
    const controller = createController({
      platform: fake.platform,
      accountApi: (baseUrl, onRequest) =>
        ({
          login: async () => (onRequest(`${baseUrl}/v1/sessions`), { token: TOKEN, expiresAt: Date.now() + 3_600_000 }),
          regions: async () => (onRequest(`${baseUrl}/v1/regions`), [{ ...REGION, servers: [server] }]),
        }) as unknown as AccountApi,
      defaultAccountUrl: 'https://account.zone.test',
    });
    await controller.handlers.login({ email: 'a@b.test', password: 'pw' });
    await controller.handlers.addBypass({ pattern: 'bank.test' });
    const report = await controller.handlers.privacyReport(undefined);

    const keys = report.stored.map((s) => `${s.area}:${s.key}`);
    expect(keys).toContain('local:session');
    expect(keys).toContain('local:bypass');
    expect(keys).toContain('session:view');
    expect(report.stored.every((s) => s.described && s.bytes > 0)).toBe(true);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    expect(JSON.stringify(report)).not.toContain('bank.test');
    expect(report.contacted).toEqual([{ host: 'account.zone.test', requests: 2, lastAt: expect.any(Number) }]);
  });

  it('names the keys of both areas as the allowlist describes them', async () => {
    const { platform } = createFakePlatform();
    await platform.storage.setLocal({ regionId: 'de-fra', unexpected: true });
    await platform.storage.setSession({ live: null });
    const report = await createPrivacyReport(
      platform.storage,
      createContactLog(() => 5),
    ).privacyReport(undefined);
    expect(report.stored).toEqual([
      { area: 'local', key: 'regionId', bytes: 16, described: Object.hasOwn(LOCAL_KEYS, 'regionId') },
      { area: 'local', key: 'unexpected', bytes: 14, described: false },
      { area: 'session', key: 'live', bytes: 8, described: Object.hasOwn(SESSION_KEYS, 'live') },
    ]);
    expect(report).toMatchObject({ contacted: [], contactedSince: 5 });
  });
});
