/** Region list helpers for the pickers: the chosen (last used) region first, then a text filter. */
import type { RegionPrefs } from '../shared/region-prefs';
import type { RegionView } from '../shared/view-state';
import { flagOf } from './flag';
import { t } from './i18n';

export const regionLabel = (r: RegionView) =>
  `${flagOf(r.country)} ${r.name} · ${r.city}${r.load === undefined ? '' : ` · ${t('regionLoad', String(r.load))}`}`.trim();

/** The last used region first, the rest in the provider's order. */
export function lastUsedFirst(regions: readonly RegionView[], lastId: string | null): RegionView[] {
  const last = regions.find((r) => r.id === lastId);
  return last ? [last, ...regions.filter((r) => r !== last)] : [...regions];
}

/** Regions whose name, city or country code contain the query (case and accents ignored). */
export function filterRegions(regions: readonly RegionView[], query: string): RegionView[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(query.trim());
  if (!q) return [...regions];
  return regions.filter((r) => [r.name, r.city, r.country, r.id].some((field) => fold(field).includes(q)));
}

export interface RegionGroup {
  /** favourites: pinned by the user; recent: used last, newest first; all: the rest; matches: a search. */
  kind: 'favourites' | 'recent' | 'all' | 'matches';
  regions: RegionView[];
}

/** Favourites, then recently used, then the rest in the provider's order; ids no longer offered are skipped. */
export function preferredOrder(regions: readonly RegionView[], prefs: RegionPrefs): RegionView[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const first = [...new Set([...prefs.favourites, ...prefs.recent])].flatMap((id) => byId.get(id) ?? []);
  return [...first, ...regions.filter((r) => !first.includes(r))];
}

/** What the picker lists: the groups above, or one group of matches while the user types. */
export function pickerGroups(regions: readonly RegionView[], prefs: RegionPrefs, query: string): RegionGroup[] {
  if (query.trim()) return [{ kind: 'matches', regions: filterRegions(preferredOrder(regions, prefs), query) }];
  const byId = new Map(regions.map((r) => [r.id, r]));
  const favourites = prefs.favourites.flatMap((id) => byId.get(id) ?? []);
  const recent = prefs.recent.flatMap((id) => byId.get(id) ?? []).filter((r) => !favourites.includes(r));
  const all = regions.filter((r) => !favourites.includes(r) && !recent.includes(r));
  const groups: RegionGroup[] = [
    { kind: 'favourites', regions: favourites },
    { kind: 'recent', regions: recent },
    { kind: 'all', regions: all },
  ];
  return groups.filter((g) => g.regions.length > 0);
}
