import { describe, expect, it } from 'vitest';
import { VIEW_STATES } from '../../test/fixtures/view-states';
import { prefetched, SESSION_TOKEN, setup, signIn } from '../../test/support/controller-harness';
import { BYPASS_SNAPSHOT_KEY, SNAPSHOT_KEY, snapshotWrites } from './snapshot';

describe('the view snapshot the popup paints first', () => {
  it('follows every announced state, in memory-only storage, without secrets or the bypass list', async () => {
    const t = setup();
    await signIn(t);
    await prefetched(t); // no token fetch announces a state behind the test's back
    expect(t.session[SNAPSHOT_KEY]).toMatchObject({ status: 'disconnected', email: 'a@b.test', regionId: 'de-fra' });
    await t.h.addBypass({ pattern: 'example.org' });
    const connected = await t.h.connect({ regionId: 'de-fra' });
    expect(connected.bypass).toHaveLength(1);
    expect(t.session[SNAPSHOT_KEY]).toEqual({ ...connected, bypass: [] });
    const stored = JSON.stringify(t.session[SNAPSHOT_KEY]);
    expect(stored).not.toContain(SESSION_TOKEN);
    expect(stored).not.toMatch(/[A-Za-z0-9_-]{472}/); // no access token
    expect(t.local[SNAPSHOT_KEY]).toBeUndefined();
    await t.h.logout(undefined);
    expect(t.session[SNAPSHOT_KEY]).toMatchObject({ status: 'signedOut', email: null });
  });

  it('keeps the bypass list apart, as one JSON text that follows every change of the list', async () => {
    const t = setup();
    await signIn(t);
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
