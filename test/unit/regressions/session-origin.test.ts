/**
 * A session token is sent only to the account service that issued it (issue 18, lost intents): a
 * self-hoster's token must never reach the build's default service, whether the user changes the
 * service or a stored setting is corrupted.
 */
import { describe, expect, it } from 'vitest';
import { accountServices } from '../../support/account-services';
import { ACCOUNT_URL, setup, signIn } from '../../support/controller-harness';

const SELF_HOSTED = 'https://vpn.self-hosted.test';
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Signed in at the self-hosted service; returns what it stored, as the next wake reads it. */
async function signedInAtSelfHosted(services: ReturnType<typeof accountServices>) {
  const t = setup({ accountApi: services.accountApi });
  await t.h.updateSettings({ accountServiceUrl: SELF_HOSTED });
  await signIn(t);
  return structuredClone(t.local);
}

describe('a session token goes only to the service that issued it', () => {
  it('one invalid stored setting keeps the self-hosted service (settings read field by field)', async () => {
    const services = accountServices();
    const local = await signedInAtSelfHosted(services);
    const woken = setup({
      stored: { local: { ...local, settings: { ...(local.settings as object), killSwitch: 'yes' } } },
      accountApi: services.accountApi,
    });
    await woken.controller.start();
    const view = await woken.h.getState(undefined);
    await settle(); // the region refresh getState started
    await woken.h.connect({ regionId: 'de-fra' });
    expect(services.tokenOrigins()).toEqual([SELF_HOSTED]);
    expect(view.settings).toMatchObject({ accountServiceUrl: SELF_HOSTED, killSwitch: true });
  });

  it('an unreadable service address signs out locally: the token never goes to the default service', async () => {
    const services = accountServices();
    const local = await signedInAtSelfHosted(services);
    const woken = setup({
      stored: { local: { ...local, settings: { ...(local.settings as object), accountServiceUrl: 42 } } },
      accountApi: services.accountApi,
    });
    await woken.controller.start();
    const view = await woken.h.getState(undefined);
    await settle();
    expect(view).toMatchObject({ status: 'signedOut', email: null, error: { code: 'sessionExpired' } });
    await expect(woken.h.connect({ regionId: 'de-fra' })).rejects.toMatchObject({ code: 'notSignedIn' });
    expect(services.tokenOrigins()).toEqual([SELF_HOSTED]);
    expect(services.requests.some((r) => r.origin === new URL(ACCOUNT_URL).origin)).toBe(false);
  });

  it('the user changing the service signs out locally first', async () => {
    const services = accountServices();
    const t = setup({ accountApi: services.accountApi });
    await t.h.updateSettings({ accountServiceUrl: SELF_HOSTED });
    await signIn(t);
    const view = await t.h.updateSettings({ accountServiceUrl: 'https://other-service.test' });
    expect(view).toMatchObject({ status: 'signedOut', email: null });
    expect(t.local.session).toBeNull();
    await expect(t.h.connect({ regionId: 'de-fra' })).rejects.toMatchObject({ code: 'notSignedIn' });
    await t.h.logout(undefined);
    expect(services.tokenOrigins()).toEqual([SELF_HOSTED]);
    // Logging in at the new service works, and its token stays there.
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    expect(services.requests.filter((r) => r.token === 'session-of-other-service.test').map((r) => r.origin)).toEqual([
      'https://other-service.test',
      'https://other-service.test',
    ]);
  });

  it('the same service at another path keeps the session', async () => {
    const services = accountServices();
    const t = setup({ accountApi: services.accountApi });
    await t.h.updateSettings({ accountServiceUrl: SELF_HOSTED });
    await signIn(t);
    const view = await t.h.updateSettings({ accountServiceUrl: `${SELF_HOSTED}/zone/` });
    expect(view).toMatchObject({ status: 'disconnected', email: 'a@b.test' });
  });

  it('a session stored before sessions named their service: bound to the stored setting, dropped if unreadable', async () => {
    const services = accountServices();
    const legacy = { token: 'session-of-vpn.self-hosted.test', email: 'a@b.test' };
    const kept = setup({
      stored: { local: { session: legacy, settings: { accountServiceUrl: SELF_HOSTED, mode: 7 } } },
      accountApi: services.accountApi,
    });
    await kept.controller.start();
    expect(await kept.h.getState(undefined)).toMatchObject({ status: 'disconnected', email: 'a@b.test' });
    const dropped = setup({
      stored: { local: { session: legacy, settings: { accountServiceUrl: null } } },
      accountApi: services.accountApi,
    });
    await dropped.controller.start();
    expect(await dropped.h.getState(undefined)).toMatchObject({ status: 'signedOut' });
    await settle();
    expect(services.tokenOrigins()).toEqual([SELF_HOSTED]);
  });
});
