/** The captive-portal pause through the real controller (fake browser API, a clock the test moves). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, setup as harness, signIn, type Stored } from '../../test/support/controller-harness';
import { LOOPBACK_REGIONS as REGIONS } from '../../test/support/regions';
import { decide } from '../core/routing';
import type { ProxyMode } from '../core/routing';

const T0 = 1_800_000_000_000;

/** The harness on a clock that starts at T0 and moves only by `advance`. */
function setup(stored?: Stored, start = T0) {
  let clock = start;
  const t = harness({ stored, now: () => clock });
  const route = (host: string, at = clock) => {
    const mode = t.applied.at(-1) as ProxyMode;
    return mode.kind === 'route' ? decide(mode.table, host, 80, at).type : mode.kind;
  };
  return { ...t, route, advance: (ms: number) => (clock += ms) };
}

const connected = () => connect(setup());

afterEach(() => vi.useRealTimers());

describe('pause protection (captive portal)', () => {
  it('is refused unless connected, and changes nothing then', async () => {
    const t = setup();
    await expect(t.h.pause({ seconds: 300 })).rejects.toMatchObject({ code: 'invalidInput' });
    await signIn(t);
    await expect(t.h.pause({ seconds: 300 })).rejects.toMatchObject({ code: 'invalidInput' });
    expect(t.applied).toEqual([]);
    expect(t.session.pausedUntil).toBeUndefined();
  });

  it.each([0, 4, 3601, 2.5, Number.NaN, '300', null, undefined])('refuses a length of %s', async (seconds) => {
    const t = await connected();
    const before = t.applied.length;
    await expect(t.h.pause({ seconds } as never)).rejects.toMatchObject({ code: 'invalidInput' });
    expect(t.applied).toHaveLength(before);
    expect(t.route('news.test')).toBe('proxy');
  });

  it('goes direct while paused, says so with the end time, and protects again at that time by itself', async () => {
    const t = await connected();
    const view = await t.h.pause({ seconds: 300 });
    expect(view).toMatchObject({ status: 'paused', pausedUntil: T0 + 300_000, switchedOn: true });
    expect(t.route('news.test')).toBe('direct');
    // The applied table itself ends the pause: nothing has to run at the end.
    expect(t.route('news.test', T0 + 300_000)).toBe('proxy');
    // Memory-only session storage, never persistent storage.
    expect(t.session.pausedUntil).toBe(T0 + 300_000);
    expect(JSON.stringify(t.local)).not.toContain(String(T0 + 300_000));
  });

  it('the view leaves Paused once the time is over, and a wake lifts the stale pause', async () => {
    const t = await connected();
    await t.h.pause({ seconds: 60 });
    t.advance(61_000);
    expect((await t.h.getState(undefined)).status).toBe('connected');
    const woken = setup({ local: t.local, session: t.session }, T0 + 61_000);
    await woken.controller.start();
    expect(woken.session.pausedUntil).toBeNull();
    expect(woken.route('news.test', T0 + 61_000)).toBe('proxy');
  });

  it('Resume protects at once; Disconnect and Connect end a pause too', async () => {
    const t = await connected();
    await t.h.pause({ seconds: 300 });
    expect((await t.h.resume(undefined)).status).toBe('connected');
    expect(t.route('news.test')).toBe('proxy');

    await t.h.pause({ seconds: 300 });
    await t.h.connect({ regionId: 'de-fra' });
    expect(t.session.pausedUntil).toBeNull();
    expect(t.route('news.test')).toBe('proxy');

    await t.h.pause({ seconds: 300 });
    expect((await t.h.disconnect(undefined)).pausedUntil).toBeNull();
    expect(t.session.pausedUntil).toBeNull();
  });

  it('a worker that stays awake tidies the state when the pause ends', async () => {
    vi.useFakeTimers();
    const t = await connected();
    await t.h.pause({ seconds: 5 });
    t.advance(5_000);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(t.session.pausedUntil).toBeNull();
    expect(t.broadcasts.at(-1)).toMatchObject({ state: { status: 'connected', pausedUntil: null } });
  });

  it('an unreadable stored pause means no pause', async () => {
    const t = setup({
      local: {
        session: { token: 'tok', email: 'a@b.test' },
        regions: REGIONS,
        regionId: 'de-fra',
        wantConnected: true,
      },
      session: { pausedUntil: 'forever' },
    });
    await t.controller.start();
    expect(t.route('news.test')).toBe('proxy');
    expect((await t.h.getState(undefined)).status).toBe('connected');
  });
});
