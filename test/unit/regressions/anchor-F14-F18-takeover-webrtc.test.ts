// F14 (Proton/Windscribe watch other extensions taking the proxy) and F18 (WebRTC exposes the real
// IP: policy while connected, given back after): refuse to connect when another extension holds the
// proxy; WebRTC protection on with Connect, off with Disconnect and logout.
import { describe, expect, it } from 'vitest';
import { connected, HTTPS_PROVIDER, setup, signIn } from '../../support/controller-harness';

describe('anchor F14: another extension holds the proxy', () => {
  it('Connect is refused with a reason, and nothing is applied', async () => {
    const t = setup(HTTPS_PROVIDER);
    await signIn(t);
    t.setControl('otherExtension');
    await expect(t.h.connect({ regionId: 'de-fra' })).rejects.toMatchObject({ code: 'proxyControlledByOther' });
    expect(t.applied.filter((m) => m.kind === 'route')).toEqual([]);
  });
  it('taken over while connected: the view says so; our credentials still go only to our servers', async () => {
    const t = await connected(HTTPS_PROVIDER);
    t.setControl('otherExtension');
    const view = await t.h.getState(undefined);
    expect(JSON.stringify(view)).toMatch(/otherExtension|Another extension/);
    expect(await t.challenge({ requestId: 'r', isProxy: true, host: 'rogue.test', port: 3128 })).toBe('ignore');
  });
});

describe('anchor F18: WebRTC policy while connected only', () => {
  it('on with Connect, off with Disconnect, off with logout', async () => {
    const t = await connected(HTTPS_PROVIDER);
    expect(t.webrtc.at(-1)).toBe(true);
    await t.h.disconnect(undefined);
    expect(t.webrtc.at(-1)).toBe(false);
    await t.h.connect({ regionId: 'de-fra' });
    expect(t.webrtc.at(-1)).toBe(true);
    await t.h.logout(undefined);
    expect(t.webrtc.at(-1)).toBe(false);
  });
});
