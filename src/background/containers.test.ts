// Containers with their own way out (issue 17), through the controller: the requests the options
// page sends, what is stored and read back, the routing applied and the tokens held.
import { describe, expect, it } from 'vitest';
import { firefoxRouter } from '../core/firefox-router';
import type { Region } from '../shared/provider-types';
import { PASSWORD, setup } from '../../test/support/controller-harness';
import { DE_FRA, JP_TYO, onProxyTest } from '../../test/support/regions';

const REGIONS: Region[] = [onProxyTest(DE_FRA, 'de1'), onProxyTest(JP_TYO, 'jp1')];
/** A region listed last, past the regions whose tokens are fetched ahead. */
const LAST: Region = { ...onProxyTest(JP_TYO, 'last1'), id: 'zz-last' };
const A = 'firefox-container-1';
const B = 'firefox-container-2';

async function signedIn() {
  const t = setup({ regions: REGIONS });
  t.setContainers([
    { cookieStoreId: A, name: 'Work', colorCode: '#37adff' },
    { cookieStoreId: B, name: 'Personal', colorCode: '#ff613d' },
  ]);
  await t.h.login({ email: 'a@b.test', password: PASSWORD });
  return t;
}
/** The first proxy (or direct) the applied routing gives a request from a container. */
function via(t: Awaited<ReturnType<typeof signedIn>>, cookieStoreId: string): string {
  const first = firefoxRouter(t.applied.at(-1)!)({ url: 'https://site.test/', cookieStoreId })[0];
  return first?.type === 'direct' ? 'direct' : `${first?.host}`;
}

describe('containers (Firefox)', () => {
  it('lists the containers with the choices; none on a browser without containers', async () => {
    const t = await signedIn();
    expect(await t.h.containers(undefined)).toEqual({
      containers: [
        { cookieStoreId: A, name: 'Work', colorCode: '#37adff' },
        { cookieStoreId: B, name: 'Personal', colorCode: '#ff613d' },
      ],
      choices: {},
    });
    t.setContainers(null);
    expect((await t.h.containers(undefined)).containers).toBeNull();
  });

  it('a choice is stored, applied at once while connected, and cleared back to the VPN', async () => {
    const t = await signedIn();
    await t.h.connect({ regionId: 'de-fra' });
    expect(via(t, A)).toBe('de1.proxy.test');
    await t.h.setContainer({ cookieStoreId: A, choice: { regionId: 'jp-tyo' } });
    const view = await t.h.setContainer({ cookieStoreId: B, choice: 'direct' });
    expect(view.choices).toEqual({ [A]: { regionId: 'jp-tyo' }, [B]: 'direct' });
    expect(t.local.containers).toEqual({ [A]: { regionId: 'jp-tyo' }, [B]: 'direct' });
    expect(via(t, A)).toBe('jp1.proxy.test');
    expect(via(t, B)).toBe('direct');
    expect(via(t, 'firefox-default')).toBe('de1.proxy.test');
    await t.h.setContainer({ cookieStoreId: A, choice: null });
    expect(via(t, A)).toBe('de1.proxy.test');
    expect(t.local.containers).toEqual({ [B]: 'direct' });
    // Disconnected: nothing changes for containers, everything goes direct as before.
    await t.h.disconnect(undefined);
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
  });

  it('refuses unknown regions, invalid ids and invalid choices, changing nothing', async () => {
    const t = await signedIn();
    await t.h.setContainer({ cookieStoreId: A, choice: 'direct' });
    await expect(t.h.setContainer({ cookieStoreId: B, choice: { regionId: 'xx-gone' } })).rejects.toMatchObject({
      code: 'unknownRegion',
    });
    await expect(t.h.setContainer({ cookieStoreId: B, choice: { regionId: 'no spaces' } })).rejects.toMatchObject({
      code: 'invalidInput',
    });
    for (const cookieStoreId of ['__proto__', 'firefox-default', 'firefox-private', 'x']) {
      await expect(t.h.setContainer({ cookieStoreId, choice: 'direct' })).rejects.toMatchObject({
        code: 'invalidInput',
      });
    }
    await expect(t.h.setContainer({ cookieStoreId: B, choice: 'bypass' as never })).rejects.toMatchObject({
      code: 'invalidInput',
    });
    expect(t.local.containers).toEqual({ [A]: 'direct' });
  });

  it('stored choices are read entry by entry: invalid ones are dropped, nothing else is lost', async () => {
    const stored = {
      [A]: { regionId: 'jp-tyo' },
      [B]: 'direct',
      'firefox-container-3': { regionId: 7 },
      'firefox-default': 'direct',
      'firefox-container-4': 'sideways',
    };
    const t = setup({ stored: { local: { containers: stored, regionId: 'de-fra', regions: REGIONS } } });
    expect((await t.h.containers(undefined)).choices).toEqual({ [A]: { regionId: 'jp-tyo' }, [B]: 'direct' });
    const broken = setup({ stored: { local: { containers: 'garbage', regionId: 'de-fra', regions: REGIONS } } });
    expect((await broken.h.containers(undefined)).choices).toEqual({});
    expect((await broken.h.getState(undefined)).regionId).toBe('de-fra');
  });

  it("the token wallet holds tokens for a container's region, and its proxy's challenge is answered", async () => {
    // More regions than a batch pads with (core/token-wallet.ts), the container's one last.
    const many = [...REGIONS, ...['r3', 'r4', 'r5'].map((id) => ({ ...REGIONS[0]!, id })), LAST];
    const t = setup({ regions: many });
    await t.h.login({ email: 'a@b.test', password: PASSWORD });
    await t.h.connect({ regionId: 'de-fra' });
    const held = () => (t.session.tokens as { tokens: { regionId: string }[] } | null)?.tokens ?? [];
    await expect.poll(() => held().some((tk) => tk.regionId === 'de-fra'), { timeout: 10_000 }).toBe(true);
    expect(held().some((tk) => tk.regionId === LAST.id)).toBe(false); // the control: not padded in
    await t.h.setContainer({ cookieStoreId: A, choice: { regionId: LAST.id } });
    t.controller.onAlarm('zone-tokens');
    await expect.poll(() => held().some((tk) => tk.regionId === LAST.id), { timeout: 10_000 }).toBe(true);
    const answer = await t.challenge({ requestId: 'r1', isProxy: true, host: 'last1.proxy.test', port: 3128 });
    expect(answer).toMatchObject({ username: expect.any(String), password: expect.any(String) });
  });
});
