// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { VIEW_STATES } from '../../test/fixtures/view-states';
import { button, click, mount } from '../../test/fixtures/render';
import type { ViewState } from '../shared/view-state';
import { createFakeClient } from '../ui/fake-client';
import { createSiteModel } from '../ui/site-model';
import { createViewModel } from '../ui/view-model';
import { Popup } from './Popup';

async function show(state: ViewState, site: string | null = null) {
  // The background's answer for the tab: the site, whatever was asked of it (enough for the card).
  const client = createFakeClient(state, {
    siteStatus: () => ({ ok: true, value: { site, bypassed: false } }),
  });
  const model = createViewModel(client, state);
  const tab = site ? { id: 1, url: `https://www.${site}/` } : null;
  const root = await mount(
    <Popup model={model} site={createSiteModel(client, model, tab, { site, bypassed: false })} />,
  );
  return { client, root, alerts: () => [...root.querySelectorAll('[role=alert]')].map((a) => a.textContent ?? '') };
}

const serviceError = (message: string): ViewState => ({
  ...VIEW_STATES.disconnected,
  status: 'error',
  error: { code: 'serviceDown', message },
});

describe('popup: errors say what happened', () => {
  it.each([
    ['The account service cannot be reached (TypeError: Failed to fetch).', 'cannot be reached', 'internet connection'],
    ['The account service failed (HTTP 500).', 'had an error (HTTP 500)', 'on the provider'],
    ['The account service failed (HTTP 503).', 'temporarily unavailable', 'maintenance'],
  ])('%s', async (message, title, fix) => {
    const { alerts } = await show(serviceError(message));
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toContain(title);
    expect(alerts()[0]).toContain(fix);
  });

  it('a session that ended while switched on is announced, and says pages stay blocked', async () => {
    const { alerts, root } = await show({ ...VIEW_STATES.sessionExpired, switchedOn: true });
    expect(alerts()).toEqual([expect.stringContaining('Pages stay blocked until you log in again or disconnect')]);
    expect(button(root, 'Disconnect')).toBeDefined();
  });
});

describe('popup: layout', () => {
  it('the status area comes first, with one large control, then the site card, then the regions', async () => {
    const { root } = await show(VIEW_STATES.disconnected, 'shop.test');
    const order = [...root.querySelectorAll('.connect, .site, .region-picker')].map((e) => e.className.split(' ')[0]);
    expect(order).toEqual(['connect', 'site', 'region-picker']);
    expect(root.querySelector('.connect button.big')?.textContent).toBe('Connect');
    // Disconnected, the card already names where Connect goes.
    expect(root.querySelector('[role=status]')?.textContent).toContain('Connects to Japan · Tokyo');
  });

  it('warnings are one line each, their details one click away', async () => {
    const { root } = await show({ ...VIEW_STATES.connected, privateWindowsProtected: false });
    const note = root.querySelector('details.private-note')!;
    expect(note.querySelector('summary')?.textContent).toBe('Private windows are not protected');
    expect(note.hasAttribute('open')).toBe(false);
  });
});

describe('popup: site not working?', () => {
  it('bypasses the site in one click, as an ordinary rule, and undoes it', async () => {
    const { root, client } = await show(VIEW_STATES.connected, 'shop.test');
    await click(button(root, 'Bypass the VPN for shop.test'));
    expect(client.sent).toContainEqual({ name: 'setSiteBypass', input: { site: 'shop.test', bypass: true } });
    expect(root.querySelector('.site-change [role=status]')?.textContent).toBe('shop.test now bypasses the VPN.');
    await click(button(root, 'Undo'));
    expect(client.sent).toContainEqual({ name: 'removeBypass', input: { pattern: 'shop.test' } });
    expect(root.querySelector('.site-change')).toBeNull();
  });

  it('sends the site through another region in one click; Undo puts its old rule back', async () => {
    const state = { ...VIEW_STATES.connected, bypass: [{ pattern: 'shop.test', regionId: 'se-sto' }] };
    const { root, client } = await show(state, 'shop.test');
    await click(button(root, 'Send it through Germany · Frankfurt'));
    expect(client.sent).toContainEqual({ name: 'addBypass', input: { pattern: 'shop.test', regionId: 'de-fra' } });
    expect(root.textContent).toContain('shop.test now goes through Germany · Frankfurt.');
    await click(button(root, 'Undo'));
    expect(client.sent.at(-2)).toEqual({ name: 'addBypass', input: { pattern: 'shop.test', regionId: 'se-sto' } });
  });
});
