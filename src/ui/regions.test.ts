import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../test/fixtures/view-states';
import { filterRegions, lastUsedFirst, regionLabel } from './regions';

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
