// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { VIEW_STATES } from '../../test/fixtures/view-states';
import { button, click, mount, type } from '../../test/fixtures/render';
import type { ViewState } from '../shared/view-state';
import { createFakeClient } from '../ui/fake-client';
import { createSiteModel } from '../ui/site-model';
import { createViewModel } from '../ui/view-model';
import { Popup } from './Popup';
import { REGION_VIEWS } from '../../test/support/regions';

async function show(state: ViewState, prefs = { recent: [] as string[], favourites: [] as string[] }) {
  const client = createFakeClient(state, {
    regionPrefs: () => ({ ok: true, value: prefs }),
    setRegionPrefs: (input) => ({ ok: true, value: { ...prefs, ...input } }),
  });
  const model = createViewModel(client, state);
  const root = await mount(<Popup model={model} site={createSiteModel(client, model, null)} />);
  await act(() => model.regionPrefs.load());
  const box = root.querySelector<HTMLInputElement>('[role=combobox]')!;
  const key = (name: string) =>
    act(() => void box.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true })));
  const activeText = () => root.querySelector(`#${box.getAttribute('aria-activedescendant')}`)?.textContent ?? '';
  const groups = () =>
    [...root.querySelectorAll('[role=group]')].map((g) => g.querySelector('.group-title')?.textContent);
  return { client, root, box, key, activeText, groups };
}

describe('region picker (combobox and listbox)', () => {
  it('is a combobox named Region that controls an always open listbox', async () => {
    const { box, root } = await show(VIEW_STATES.disconnected);
    expect(box.closest('label')?.textContent).toContain('Region');
    expect(box.getAttribute('aria-controls')).toBe('region-list');
    expect(root.querySelector('#region-list')?.getAttribute('role')).toBe('listbox');
  });

  it('arrows move the active option, Enter chooses it, and Connect goes there', async () => {
    const { client, root, key, activeText } = await show(VIEW_STATES.disconnected);
    expect(activeText()).toContain('Japan');
    await key('ArrowUp');
    expect(activeText()).toContain('United States');
    await key('Enter');
    expect(root.querySelector('[role=option][aria-selected=true]')?.textContent).toContain('United States');
    await click(button(root, 'Connect'));
    expect(client.sent).toContainEqual({ name: 'connect', input: { regionId: 'us-nyc' } });
    expect(client.sent).toContainEqual({ name: 'setRegionPrefs', input: { recent: ['us-nyc'] } });
  });

  it('type to filter, Enter on the first match switches region while connected', async () => {
    const { client, box, key } = await show(VIEW_STATES.connected);
    await type(box, 'zur');
    await key('Enter');
    expect(client.sent).toContainEqual({ name: 'connect', input: { regionId: 'ch-zrh' } });
    expect(box.value).toBe('');
  });

  it('pins favourites, lists the recently used next, and both can be changed', async () => {
    const { client, root, groups } = await show(VIEW_STATES.disconnected, {
      favourites: ['se-sto'],
      recent: ['de-fra'],
    });
    expect(groups()).toEqual(['Favourites', 'Recently used', 'All regions']);
    expect(root.querySelector('[role=group] [role=option]')?.textContent).toContain('Sweden');
    const star = button(root, '☆ Favourite: Japan · Tokyo')!;
    expect(star.getAttribute('aria-pressed')).toBe('false');
    await click(star);
    expect(client.sent).toContainEqual({ name: 'setRegionPrefs', input: { favourites: ['se-sto', 'jp-tyo'] } });
    await click(button(root, 'Clear recently used'));
    expect(client.sent).toContainEqual({ name: 'setRegionPrefs', input: { recent: [] } });
  });

  it('shows load as a bar with a text alternative', async () => {
    const state = {
      ...VIEW_STATES.disconnected,
      regions: [{ ...REGION_VIEWS[0]!, load: 40 }],
      regionId: REGION_VIEWS[0]!.id,
    };
    const { root } = await show(state);
    expect(root.querySelector('.load .bar')?.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('[role=option]')?.textContent).toContain('load 40%');
  });
});
