// @vitest-environment happy-dom
// F13 (SwitchyOmega #1912: "incognito mode is using direct connection" until the user allows the
// extension there; uProxy #1534): when the extension is not allowed in private windows, the popup
// says so permanently, straight from the browser's answer through the real controller.
import '../../fixtures/locale';
import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import { Popup } from '../../../src/popup/Popup';
import { createFakeClient } from '../../../src/ui/fake-client';
import { createSiteModel } from '../../../src/ui/site-model';
import { createViewModel } from '../../../src/ui/view-model';
import { mount } from '../../fixtures/render';
import { connected, HTTPS_PROVIDER } from '../../support/controller-harness';

async function popupWhen(allowed: () => Promise<boolean>) {
  const t = await connected(HTTPS_PROVIDER);
  t.platform.runtime.privateWindowsAllowed = allowed;
  const view = await t.h.getState(undefined);
  const client = createFakeClient(view);
  const model = createViewModel(client, view);
  const site = createSiteModel(client, model, null, { site: null, bypassed: false });
  const root = await mount(h(Popup, { model, site }));
  return { view, note: root.querySelector('.private-note') };
}

describe('anchor F13: private windows without the extension are named, not silently direct', () => {
  it('not allowed: the connected popup warns that private windows are not protected', async () => {
    const { view, note } = await popupWhen(async () => false);
    expect(view).toMatchObject({ status: 'connected', privateWindowsProtected: false });
    expect(note?.textContent).toMatch(/private/i);
  });

  it('the browser cannot tell (the call fails): warned as well, never assumed protected', async () => {
    const { note } = await popupWhen(async () => Promise.reject(new Error('no such API')));
    expect(note).not.toBeNull();
  });

  it('positive control: allowed, no warning', async () => {
    const { view, note } = await popupWhen(async () => true);
    expect(view.privateWindowsProtected).toBe(true);
    expect(note).toBeNull();
  });
});
