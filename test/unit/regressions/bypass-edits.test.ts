/**
 * Bypass edits have one home (issue 18, lost intents): adding, removing, the popup's per-site
 * toggle and an import all keep the same limits (MAX_RULES entries, a valid region id) and all
 * refresh the toolbar of the tabs they change.
 */
import { describe, expect, it } from 'vitest';
import { MAX_RULES } from '../../../src/core/bypass-rules';
import { connected, HTTPS_PROVIDER, setup } from '../../support/controller-harness';

const FULL = Array.from({ length: MAX_RULES }, (_, i) => ({ pattern: `s${i}.test` }));

const EDITS: [string, (h: ReturnType<typeof setup>['h']) => Promise<unknown>][] = [
  ['add', (h) => h.addBypass({ pattern: 'one-more.test' })],
  ['the per-site toggle', (h) => h.setSiteBypass({ site: 'one-more.test', bypass: true })],
  ['import', (h) => h.importBypass({ entries: [{ pattern: 'one-more.test' }] })],
];

describe('bypass edits: one code path, the same limits', () => {
  it.each(EDITS)('%s on a full list is refused, the list unchanged', async (_name, edit) => {
    const t = setup({ ...HTTPS_PROVIDER, stored: { local: { bypass: FULL } } });
    await expect(edit(t.h)).rejects.toMatchObject({ code: 'invalidInput' });
    expect(t.local.bypass).toHaveLength(MAX_RULES);
  });

  it.each([
    ['add', (h: ReturnType<typeof setup>['h']) => h.addBypass({ pattern: 'bank.test', regionId: "de'fra" })],
    [
      'import',
      (h: ReturnType<typeof setup>['h']) => h.importBypass({ entries: [{ pattern: 'bank.test', regionId: "de'fra" }] }),
    ],
  ])('%s with an invalid region id is refused', async (_name, edit) => {
    const t = setup({ ...HTTPS_PROVIDER, stored: { local: { bypass: [] } } });
    await expect(edit(t.h)).rejects.toMatchObject({ code: 'invalidInput' });
    expect(t.local.bypass).toEqual([]);
  });

  it('removing an entry from a list over the limit (stored before a lower limit) still works', async () => {
    const t = setup({ ...HTTPS_PROVIDER, stored: { local: { bypass: [...FULL, { pattern: 'over.test' }] } } });
    await t.h.removeBypass({ pattern: 'over.test' });
    expect(t.local.bypass).toHaveLength(MAX_RULES);
  });

  it.each([
    ['add', (h: ReturnType<typeof setup>['h']) => h.addBypass({ pattern: 'shop.test' })],
    ['the per-site toggle', (h: ReturnType<typeof setup>['h']) => h.setSiteBypass({ site: 'shop.test', bypass: true })],
    ['import', (h: ReturnType<typeof setup>['h']) => h.importBypass({ entries: [{ pattern: 'shop.test' }] })],
  ])('%s marks every open tab of the site at once, and removing unmarks them', async (_name, edit) => {
    const t = await connected(HTTPS_PROVIDER);
    t.setActiveTab({ id: 1, url: 'https://elsewhere.test/' });
    t.setBackgroundTabs([{ id: 5, url: 'https://news.shop.test/a' }]);
    await t.h.getState(undefined);
    t.tabBadges.clear();
    await edit(t.h);
    expect(t.tabBadges.get(5)).toBe(true);
    await t.h.removeBypass({ pattern: 'shop.test' });
    expect(t.tabBadges.get(5)).toBe(false);
  });
});
