// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { choose, mount, settle } from '../../test/fixtures/render';
import type { ContainerChoice, ContainersView } from '../shared/containers';
import type { Answer } from '../shared/messages';
import type { RegionView } from '../shared/view-state';
import { ContainersPanel } from './ContainersPanel';

const REGIONS = [
  { id: 'de-fra', name: 'Germany', country: 'DE' },
  { id: 'jp-tyo', name: 'Japan', country: 'JP' },
] as RegionView[];
const LIST = [
  { cookieStoreId: 'firefox-container-1', name: 'Work', colorCode: '#37adff' },
  { cookieStoreId: 'firefox-container-2', name: 'Personal', colorCode: '#ff613d' },
];

function panel(containers: ContainersView['containers']) {
  const saved: [string, ContainerChoice | null][] = [];
  let choices: ContainersView['choices'] = {};
  const load = async (): Promise<Answer<ContainersView>> => ({ ok: true, value: { containers, choices } });
  const save = async (id: string, choice: ContainerChoice | null): Promise<Answer<ContainersView>> => {
    saved.push([id, choice]);
    choices = { ...choices };
    if (choice === null) delete choices[id];
    else choices[id] = choice;
    return load();
  };
  return { saved, tree: <ContainersPanel regions={REGIONS} load={load} save={save} /> };
}

describe('options: containers', () => {
  it('shows no section where the browser has no containers (Chromium)', async () => {
    const root = await mount(panel(null).tree);
    await settle();
    expect(root.textContent).toBe('');
  });

  it('lists each container with a way out: the VPN, each region, or direct', async () => {
    const p = panel(LIST);
    const root = await mount(p.tree);
    await settle();
    expect(root.querySelector('h2')!.textContent).toBe('Containers');
    const label = root.querySelector('label[for="container-firefox-container-1"]')!;
    expect(label.textContent).toBe('Work');
    const select = root.querySelector<HTMLSelectElement>('#container-firefox-container-1')!;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Use the VPN's region",
      '🇩🇪 Germany',
      '🇯🇵 Japan',
      'Go direct (no VPN)',
    ]);
    await choose(select, 'region:jp-tyo');
    await settle();
    const other = root.querySelector<HTMLSelectElement>('#container-firefox-container-2')!;
    await choose(other, 'direct');
    await settle();
    await choose(select, '');
    await settle();
    expect(p.saved).toEqual([
      ['firefox-container-1', { regionId: 'jp-tyo' }],
      ['firefox-container-2', 'direct'],
      ['firefox-container-1', null],
    ]);
    expect(other.value).toBe('direct');
  });
});
