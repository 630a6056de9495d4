import { describe, expect, it } from 'vitest';
import { REGION_VIEWS as REGIONS } from '../../test/support/regions';
import { filterRegions, lastUsedFirst, pickerGroups, regionLabel } from './regions';

describe('region picker order and search', () => {
  it('puts the last used region first and keeps the provider order after it', () => {
    expect(lastUsedFirst(REGIONS, 'jp-tyo').map((r) => r.id)).toEqual([
      'jp-tyo',
      ...REGIONS.filter((r) => r.id !== 'jp-tyo').map((r) => r.id),
    ]);
  });

  it('keeps the provider order when no region was used', () => {
    expect(lastUsedFirst(REGIONS, null)).toEqual(REGIONS);
  });

  it.each([
    ['zurich', ['ch-zrh']],
    ['  UNITED ', ['us-nyc', 'gb-lon']],
    ['jp', ['jp-tyo']],
    ['', REGIONS.map((r) => r.id)],
  ])('"%s" finds %j (case and accents ignored)', (query, ids) => {
    expect(filterRegions(REGIONS, query).map((r) => r.id)).toEqual(ids);
  });

  it('labels a region with its flag, name and city', () => {
    expect(regionLabel(REGIONS[0]!)).toBe('🇩🇪 Germany · Frankfurt');
  });
});

describe('region picker groups', () => {
  const prefs = { favourites: ['se-sto', 'gone-away'], recent: ['jp-tyo', 'se-sto'] };

  it('pins favourites, then the recently used, then the rest in the provider order', () => {
    const groups = pickerGroups(REGIONS, prefs, '');
    expect(groups.map((g) => [g.kind, g.regions.map((r) => r.id)])).toEqual([
      ['favourites', ['se-sto']],
      ['recent', ['jp-tyo']],
      ['all', REGIONS.filter((r) => !['se-sto', 'jp-tyo'].includes(r.id)).map((r) => r.id)],
    ]);
  });

  it('while typing, one group of matches with favourites first', () => {
    expect(pickerGroups(REGIONS, prefs, 'e').map((g) => g.kind)).toEqual(['matches']);
    expect(pickerGroups(REGIONS, prefs, 's')[0]!.regions[0]!.id).toBe('se-sto');
  });

  it('without shortcuts, one group of every region', () => {
    expect(pickerGroups(REGIONS, { favourites: [], recent: [] }, '')).toEqual([{ kind: 'all', regions: REGIONS }]);
  });
});
