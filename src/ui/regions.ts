/** Region list helpers for the pickers: the chosen (last used) region first, then a text filter. */
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
