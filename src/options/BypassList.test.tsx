// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it, vi } from 'vitest';
import { REGION_VIEWS as REGIONS } from '../../test/support/regions';
import { button, choose, click, mount, settle, type } from '../../test/fixtures/render';
import type { BypassEntry } from '../shared/view-state';
import { planImport } from '../core/import-plan';
import { BypassList } from './BypassList';
import { ROW_HEIGHT } from './WindowedList';

function list(entries: BypassEntry[]) {
  const calls = { onAdd: vi.fn(async () => null), onImport: vi.fn(async () => null), onRemove: vi.fn() };
  // The background's planner, as the real page gets it by message.
  const onPlan = async (text: string) =>
    planImport(
      text,
      entries,
      REGIONS.map((r) => r.id),
    );
  const tree = (
    <BypassList entries={entries} regions={REGIONS} mode="exclude" onMode={() => {}} onPlan={onPlan} {...calls} />
  );
  return { calls, tree };
}

const many = Array.from({ length: 10_000 }, (_, i) => ({ pattern: `site${i}.test` }));

describe('options: bypass list', () => {
  it('10,000 entries: a window of rows in the DOM, each saying its place in the whole list', async () => {
    const { tree } = list(many);
    const root = await mount(tree);
    const rows = root.querySelectorAll('.entries li');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    expect(root.textContent).toContain('10000 of 10000 entries');
    expect(rows[0]!.textContent).toContain('site0.test');
    expect(rows[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('10000');
  });

  it('scrolling far down shows the rows there', async () => {
    const { tree } = list(many);
    const root = await mount(tree);
    const view = root.querySelector<HTMLElement>('.entries-view')!;
    view.scrollTop = 5000 * ROW_HEIGHT;
    view.dispatchEvent(new Event('scroll'));
    await settle();
    const patterns = [...root.querySelectorAll('.entries .pattern')].map((p) => p.textContent);
    expect(patterns).toContain('site5000.test');
    expect(patterns).not.toContain('site0.test');
    const row = [...root.querySelectorAll('.entries li')].find((li) => li.textContent?.includes('site5000.test'));
    expect(row?.getAttribute('aria-posinset')).toBe('5001');
  });

  it('search narrows the list, and Remove removes the entry found', async () => {
    const { tree, calls } = list(many);
    const root = await mount(tree);
    await type(root.querySelector<HTMLInputElement>('.entries-panel input[type=search]')!, 'site9999');
    expect(root.querySelectorAll('.entries li')).toHaveLength(1);
    expect(root.querySelector('.entries li')!.getAttribute('aria-setsize')).toBe('1');
    expect(root.textContent).toContain('1 of 10000 entries');
    await click(button(root, 'Remove site9999.test'));
    expect(calls.onRemove).toHaveBeenCalledWith('site9999.test');
  });

  it('Edit changes the region of an entry', async () => {
    const { tree, calls } = list([{ pattern: 'bank.test' }]);
    const root = await mount(tree);
    await click(button(root, 'Edit the region of bank.test'));
    await choose(root.querySelector<HTMLSelectElement>('.editing select')!, 'de-fra');
    await click(button(root, 'Apply'));
    expect(calls.onAdd).toHaveBeenCalledWith('bank.test', 'de-fra');
  });

  it('an import shows what it adds and refuses, and changes nothing until confirmed', async () => {
    const { tree, calls } = list([{ pattern: 'bank.test' }]);
    const root = await mount(tree);
    await type(root.querySelector<HTMLTextAreaElement>('.import textarea')!, 'shop.test\nbank.test\n"bad"\n');
    // The parser loads on demand: wait for the preview.
    await vi.waitFor(() => expect(root.querySelector('.preview')).not.toBeNull());
    const preview = root.querySelector('.preview')!.textContent;
    expect(preview).toContain('Adds 1 new entry.');
    expect(preview).toContain('1 is already in the list');
    expect(preview).toContain('Line 3');
    expect(calls.onImport).not.toHaveBeenCalled();
    await click(button(root, 'Import 1 entry'));
    expect(calls.onImport).toHaveBeenCalledWith([{ pattern: 'shop.test' }]);
    expect(root.textContent).toContain('Imported 1 entry.');
  });

  it('an import of a bad file offers nothing to import', async () => {
    const { tree } = list([{ pattern: 'bank.test' }]);
    const root = await mount(tree);
    await type(root.querySelector<HTMLTextAreaElement>('.import textarea')!, '"a"\n\\b\n');
    await vi.waitFor(() => expect(root.querySelector('.preview')).not.toBeNull());
    expect(button(root, 'Import 0 entries')?.disabled).toBe(true);
  });

  it('export shows the list as text', async () => {
    const { tree } = list([{ pattern: 'bank.test' }, { pattern: 'mail.test', regionId: 'de-fra' }]);
    const root = await mount(tree);
    await click(button(root, 'Export the list'));
    const text = root.querySelector<HTMLTextAreaElement>('.export textarea')!.value;
    expect(text.split('\n').slice(1)).toEqual(['bank.test', 'mail.test de-fra', '']);
    expect(root.querySelector('.export a[download]')).not.toBeNull();
  });
});
