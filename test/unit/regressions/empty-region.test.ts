/**
 * A region with no servers is refused where the region list is read (issue 18, lost intents): it
 * was offered, and Connect said "Connected … through" it until the first page failed.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_REGION as EMPTY, PROXY_TEST_REGIONS as REGIONS } from '../../support/regions';
import { accountServices } from '../../support/account-services';
import { HTTPS_PROVIDER, setup, signIn } from '../../support/controller-harness';

describe('a region with no servers', () => {
  it('is not offered, and Connect to it is refused rather than "connected"', async () => {
    const services = accountServices((url) =>
      url.pathname === '/v1/regions' ? Response.json({ regions: [EMPTY, ...REGIONS] }) : undefined,
    );
    const t = setup({ accountApi: services.accountApi });
    const view = await signIn(t);
    expect(view.regions.map((r) => r.id)).toEqual(['de-fra']);
    expect(view.regionId).toBe('de-fra');
    await expect(t.h.connect({ regionId: 'nl-ams' })).rejects.toMatchObject({ code: 'unknownRegion' });
    expect((await t.h.getState(undefined)).status).toBe('disconnected');
  });

  it('in a region list cached before this check: not offered after a restart', async () => {
    const t = setup({ ...HTTPS_PROVIDER, stored: { local: { regions: [EMPTY, ...REGIONS], regionId: 'nl-ams' } } });
    await t.controller.start();
    expect((await t.h.getState(undefined)).regions.map((r) => r.id)).toEqual(['de-fra']);
  });
});
