// F11 (AdGuard logs request details and credentials into storage.local, up to 1000 entries): after
// a session of logins, connects, challenges and errors, storage holds only allowlisted keys, no
// password, proxy credentials only in the session area, and no visited host.
import { describe, expect, it } from 'vitest';
import { LOCAL_KEYS, SESSION_KEYS } from '../../../src/shared/storage-keys';
import { connected, HTTPS_PROVIDER, PASSWORD } from '../../support/controller-harness';

describe('anchor F11: nothing but the schema is persisted', () => {
  it('a session leaves only allowlisted keys and no secrets in storage.local', async () => {
    const t = await connected(HTTPS_PROVIDER);
    for (let i = 0; i < 20; i++)
      await t.challenge({ requestId: `r${i}`, isProxy: i % 2 === 0, host: `visited${i}.test`, port: 443 });
    await t.challenge({ requestId: 'ok', isProxy: true, host: 'de1.proxy.test', port: 3128 });
    await t.h.addBypass({ pattern: 'bypassed.test' });
    await t.h.siteStatus({ url: 'https://secret-visit.test/path?q=1' }).catch(() => undefined);
    expect(Object.keys(t.local).filter((k) => !Object.hasOwn(LOCAL_KEYS, k))).toEqual([]);
    expect(Object.keys(t.session).filter((k) => !Object.hasOwn(SESSION_KEYS, k))).toEqual([]);
    const local = JSON.stringify(t.local);
    expect(local).not.toContain(PASSWORD);
    expect(local).not.toContain('proxy-secret');
    expect(local).not.toMatch(/visited\d|secret-visit/);
    expect(JSON.stringify(t.session)).not.toMatch(/visited\d|secret-visit|https?:\/\//);
  });
});
