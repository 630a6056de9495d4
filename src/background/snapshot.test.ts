import { describe, expect, it } from 'vitest';
import { VIEW_STATES } from '../../test/fixtures/view-states';
import type { AccountApi } from '../core/account-api';
import { createController } from './controller';
import { createFakePlatform } from './fake-platform';
import { BYPASS_SNAPSHOT_KEY, SNAPSHOT_KEY, snapshotWrites } from './snapshot';

const REGION = { id: 'de-fra', name: 'Germany', country: 'DE', city: 'Frankfurt', servers: [] };
const api = {
  login: async () => ({ token: 'the-session-token', expiresAt: Date.now() + 3_600_000 }),
  regions: async () => [{ ...REGION, servers: [{ id: 'd1', host: '127.0.0.1', port: 18101, scheme: 'http' }] }],
  logout: async () => undefined,
  proxyCredentials: async () => ({ username: 'u', password: 'proxy-secret', expiresAt: Date.now() + 3_600_000 }),
} as unknown as AccountApi;

function setup() {
  const fake = createFakePlatform();
  const controller = createController({
    platform: fake.platform,
    accountApi: () => api,
    defaultAccountUrl: 'http://127.0.0.1:1',
  });
  return { ...fake, h: controller.handlers };
}

describe('the view snapshot the popup paints first', () => {
  it('follows every announced state, in memory-only storage, without secrets or the bypass list', async () => {
    const t = setup();
    await t.h.login({ email: 'a@b.test', password: 'pw' });
    expect(t.session[SNAPSHOT_KEY]).toMatchObject({ status: 'disconnected', email: 'a@b.test', regionId: 'de-fra' });
    await t.h.addBypass({ pattern: 'example.org' });
    const connected = await t.h.connect({ regionId: 'de-fra' });
    expect(connected.bypass).toHaveLength(1);
    expect(t.session[SNAPSHOT_KEY]).toEqual({ ...connected, bypass: [] });
    const stored = JSON.stringify(t.session[SNAPSHOT_KEY]);
    expect(stored).not.toContain('the-session-token');
    expect(stored).not.toContain('proxy-secret');
    expect(t.local[SNAPSHOT_KEY]).toBeUndefined();
    await t.h.logout(undefined);
    expect(t.session[SNAPSHOT_KEY]).toMatchObject({ status: 'signedOut', email: null });
  });

  it('keeps the bypass list apart, as one JSON text that follows every change of the list', async () => {
    const t = setup();
    await t.h.login({ email: 'a@b.test', password: 'pw' });
    expect(t.session[BYPASS_SNAPSHOT_KEY]).toBe('[]');
    await t.h.addBypass({ pattern: 'example.org' });
    await t.h.addBypass({ pattern: 'mail.test', regionId: 'de-fra' });
    expect(JSON.parse(t.session[BYPASS_SNAPSHOT_KEY] as string)).toEqual([
      { pattern: 'example.org' },
      { pattern: 'mail.test', regionId: 'de-fra' },
    ]);
    await t.h.removeBypass({ pattern: 'example.org' });
    expect(JSON.parse(t.session[BYPASS_SNAPSHOT_KEY] as string)).toEqual([
      { pattern: 'mail.test', regionId: 'de-fra' },
    ]);
    expect(t.local[BYPASS_SNAPSHOT_KEY]).toBeUndefined();
  });

  it('writes the bypass text only when the list is not the one written last', () => {
    const list = [{ pattern: 'example.org' }];
    const view = { ...VIEW_STATES.connected, bypass: list };
    expect(Object.keys(snapshotWrites(view, null))).toEqual([SNAPSHOT_KEY, BYPASS_SNAPSHOT_KEY]);
    expect(Object.keys(snapshotWrites(view, list))).toEqual([SNAPSHOT_KEY]);
    expect(Object.keys(snapshotWrites(view, [...list]))).toEqual([SNAPSHOT_KEY, BYPASS_SNAPSHOT_KEY]);
  });
});
