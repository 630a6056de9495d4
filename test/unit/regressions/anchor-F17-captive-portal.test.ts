// F17 (secure-proxy #619 blocked a hotel's sign-in page for good; dnscrypt-proxy #589 turned
// "looks like a portal" into an automatic failover that an attacker can trigger): with the
// servers unreachable traffic stays blocked whatever the browser reports, and only the user's
// explicit, time-limited pause lets pages go direct, ending by itself.
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/routing';
import type { ProxyMode } from '../../../src/core/routing';
import { connected, HTTPS_PROVIDER } from '../../support/controller-harness';

const routeOf = (mode: ProxyMode | undefined, at = Date.now()) =>
  mode?.kind === 'route' ? decide(mode.table, 'hotel-portal.test', 80, at).type : mode?.kind;

describe('anchor F17: a captive portal never turns protection off by itself', () => {
  it('any number of proxy failures leaves traffic blocked behind the proxy, never direct', async () => {
    const t = await connected(HTTPS_PROVIDER);
    for (let i = 0; i < 50; i++) t.controller.onProxyFailure();
    await expect.poll(async () => (await t.h.getState(undefined)).status).toBe('reconnecting');
    expect(t.applied.every((mode) => routeOf(mode) !== 'direct' && mode.kind !== 'off')).toBe(true);
  });

  it('only the user pause goes direct, and the applied rules end it on their own', async () => {
    const t = await connected(HTTPS_PROVIDER);
    t.controller.onProxyFailure();
    const view = await t.h.pause({ seconds: 300 });
    const mode = t.applied.at(-1);
    expect(routeOf(mode)).toBe('direct');
    expect(routeOf(mode, view.pausedUntil! + 1)).toBe('proxy');
  });
});
