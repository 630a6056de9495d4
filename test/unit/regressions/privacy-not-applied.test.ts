/**
 * A privacy setting that could not be applied is not swallowed (issue 18, lost intents): the user
 * is told in the popup (the view's privacyNotApplied), and told no more once it applies.
 */
import { describe, expect, it } from 'vitest';
import { HTTPS_PROVIDER, setup, signIn } from '../../support/controller-harness';

describe('privacy settings that could not be applied', () => {
  it.each([
    ['webRtc', 'protectWebRtc'],
    ['prediction', 'stopPrediction'],
  ] as const)('%s refused while connected: the view says so; applied later: it says nothing', async (name, port) => {
    const t = setup(HTTPS_PROVIDER);
    const original = t.platform.privacy[port];
    t.platform.privacy[port] = async (on) => {
      if (on) throw new Error('controlled by another extension');
    };
    await signIn(t);
    const view = await t.h.connect({ regionId: 'de-fra' });
    expect(view).toMatchObject({ status: 'connected', privacyNotApplied: [name] });
    t.platform.privacy[port] = original;
    expect(await t.h.disconnect(undefined)).toMatchObject({ privacyNotApplied: [] });
    expect(await t.h.connect({ regionId: 'de-fra' })).toMatchObject({ status: 'connected', privacyNotApplied: [] });
  });

  it('WebRTC protection switched off by the user is not a failure', async () => {
    const t = setup(HTTPS_PROVIDER);
    t.platform.privacy.protectWebRtc = async (on) => {
      if (on) throw new Error('controlled by another extension');
    };
    await signIn(t);
    await t.h.updateSettings({ webrtcProtection: false });
    expect(await t.h.connect({ regionId: 'de-fra' })).toMatchObject({ privacyNotApplied: [] });
  });

  it('another extension takes a setting while connected: the view says so; it gives it back: the warning goes', async () => {
    const t = setup(HTTPS_PROVIDER);
    await signIn(t);
    await t.h.connect({ regionId: 'de-fra' });
    t.setPrivacyHeldByOthers(['webRtc']);
    t.controller.onPrivacyChange();
    await expect.poll(async () => (await t.h.getState(undefined)).privacyNotApplied).toEqual(['webRtc']);
    t.setPrivacyHeldByOthers([]);
    t.controller.onPrivacyChange();
    await expect.poll(async () => (await t.h.getState(undefined)).privacyNotApplied).toEqual([]);
  });

  it('a setting another extension holds while disconnected is no concern of ours', async () => {
    const t = setup(HTTPS_PROVIDER);
    await signIn(t);
    t.setPrivacyHeldByOthers(['webRtc', 'prediction']);
    t.controller.onPrivacyChange();
    await t.controller.start();
    expect((await t.h.getState(undefined)).privacyNotApplied).toEqual([]);
  });
});
