import { useState } from 'preact/hooks';
import type { RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';
import { filterRegions, lastUsedFirst, regionLabel } from '../ui/regions';

interface Props {
  regions: RegionView[];
  /** The region shown as chosen. */
  value: string | null;
  /** The region used last: listed first. */
  lastUsed: string | null;
  disabled: boolean;
  onChange(regionId: string): void;
}

/** Past this many regions a search field narrows the list. */
export const SEARCH_FROM = 7;

/** A native select named "Region" (every browser and screen reader knows it), plus a filter. */
export function RegionPicker({ regions, value, lastUsed, disabled, onChange }: Props) {
  const [query, setQuery] = useState('');
  const ordered = lastUsedFirst(regions, lastUsed);
  const matches = filterRegions(ordered, query);
  // The chosen region stays in the select even when the filter hides it, so its value holds.
  const chosen = ordered.find((r) => r.id === value);
  const shown = chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  return (
    <div class="region-picker">
      {regions.length >= SEARCH_FROM && (
        <label class="search">
          {t('searchRegions')}
          <input
            type="search"
            value={query}
            disabled={disabled}
            aria-describedby={query ? 'region-matches' : undefined}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
      )}
      {query && (
        <p id="region-matches" class="hint" aria-live="polite">
          {matches.length ? t('regionMatches', String(matches.length)) : t('noRegionMatches')}
        </p>
      )}
      <label>
        {t('region')}
        <select value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)}>
          {shown.map((r) => (
            <option key={r.id} value={r.id}>
              {regionLabel(r)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
