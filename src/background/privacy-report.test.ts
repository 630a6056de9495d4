import { describe, expect, it } from 'vitest';
import type { AccountApi } from '../core/account-api';
import { createContactLog } from '../core/contact-log';
import { LOCAL_KEYS, SESSION_KEYS } from '../shared/storage-keys';
import { setup } from '../../test/support/controller-harness';
import { DE_FRA_ONE_SERVER } from '../../test/support/regions';
import { createFakePlatform } from './fake-platform';
import { createPrivacyReport } from './privacy-report';

const TOKEN = 'the-session-token-0123456789';

describe('the privacy report', () => {
  it('lists every stored key with its size and what it holds, never a value', async () => {
    // The account service client tells each request's URL, as src/core/account-api.ts does.
    const { h } = setup({
      accountApi: (baseUrl, onRequest) =>
        ({
          login: async () => (onRequest(`${baseUrl}/v1/sessions`), { token: TOKEN, expiresAt: Date.now() + 3_600_000 }),
          regions: async () => (onRequest(`${baseUrl}/v1/regions`), [DE_FRA_ONE_SERVER]),
        }) as unknown as AccountApi,
      accountUrl: 'https://account.zone.test',
    });
    await h.login({ email: 'a@b.test', password: 'pw' });
    await h.addBypass({ pattern: 'bank.test' });
    const report = await h.privacyReport(undefined);

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
