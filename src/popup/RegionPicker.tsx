import { useEffect, useState } from 'preact/hooks';
import type { RegionPrefs } from '../shared/region-prefs';
import type { RegionView } from '../shared/view-state';
import { flagOf } from '../ui/flag';
import { t, type MessageKey } from '../ui/i18n';
import { tn } from '../ui/plural';
import { pickerGroups, type RegionGroup } from '../ui/regions';

interface Props {
  regions: RegionView[];
  /** The region shown as chosen. */
  value: string | null;
  prefs: RegionPrefs;
  disabled: boolean;
  onChange(regionId: string): void;
  onToggleFavourite(regionId: string): void;
  onClearRecent(): void;
  /** Called once when the picker shows: the shortcuts load after the popup's first paint. */
  onShow?(): void;
}

const GROUP_TITLE: Record<RegionGroup['kind'], MessageKey> = {
  favourites: 'regionsFavourites',
  recent: 'regionsRecent',
  all: 'regionsAll',
  matches: 'regionsMatching',
};
const optionId = (id: string) => `region-option-${id}`;
const place = (r: RegionView) => `${r.name} · ${r.city}`;

/**
 * The ARIA 1.2 combobox pattern over an always open listbox: type to filter, arrows move the
 * active option, Enter chooses it, Escape clears the filter; focus stays in the text field.
 * Favourites are pinned, the recently used come next (clearable), then every other region.
 */
export function RegionPicker(props: Props) {
  const { regions, value, prefs, disabled, onChange, onToggleFavourite, onClearRecent, onShow } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<string | null>(null);
  useEffect(() => onShow?.(), [onShow]);
  const groups = pickerGroups(regions, prefs, query);
  const shown = groups.flatMap((g) => g.regions);
  const activeId = shown.some((r) => r.id === active)
    ? active
    : (shown.find((r) => r.id === value)?.id ?? shown[0]?.id ?? null);
  const focusRegion = regions.find((r) => r.id === activeId) ?? regions.find((r) => r.id === value);
  const favourite = !!focusRegion && prefs.favourites.includes(focusRegion.id);

  const choose = (id: string) => {
    if (disabled) return;
    setQuery('');
    setActive(id);
    onChange(id);
  };
  const move = (to: number) => {
    const next = shown[Math.max(0, Math.min(shown.length - 1, to))];
    if (!next) return;
    setActive(next.id);
    document.getElementById(optionId(next.id))?.scrollIntoView?.({ block: 'nearest' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = shown.findIndex((r) => r.id === activeId);
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Enter' && activeId) choose(activeId);
    else if (e.key === 'Escape' && query) setQuery('');
    else return;
    e.preventDefault();
  };

  return (
    <div class="region-picker">
      <label>
        {t('region')}
        <input
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="region-list"
          aria-autocomplete="list"
          aria-activedescendant={activeId ? optionId(activeId) : undefined}
          aria-describedby="region-matches"
          placeholder={t('searchRegions')}
          autocomplete="off"
          spellcheck={false}
          value={query}
          disabled={disabled}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setActive(null);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      <p id="region-matches" class="hint" aria-live="polite">
        {query ? (shown.length ? tn('regionMatches', shown.length) : t('noRegionMatchesAtAll')) : ''}
      </p>
      <div id="region-list" role="listbox" aria-label={t('region')}>
        {groups.map((group) => (
          <div key={group.kind} role="group" aria-labelledby={`region-group-${group.kind}`}>
            <div id={`region-group-${group.kind}`} class="group-title" role="presentation">
              {t(GROUP_TITLE[group.kind])}
            </div>
            {group.regions.map((r) => (
              <div
                key={r.id}
                id={optionId(r.id)}
                role="option"
                aria-selected={r.id === value}
                class={r.id === activeId ? 'active' : undefined}
                // Keeps focus in the text field, as the combobox pattern wants.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(r.id)}
              >
                <span class="flag" aria-hidden="true">
                  {flagOf(r.country)}
                </span>
                <span class="place">{place(r)}</span>
                {r.load !== undefined && (
                  <span class="load">
                    <span class="bar" aria-hidden="true">
                      <span style={{ width: `${Math.max(0, Math.min(100, r.load))}%` }} />
                    </span>
                    <span class="load-text">{t('regionLoad', String(r.load))}</span>
                  </span>
                )}
              </div>
            ))}
          </div>
        ))}
      </div>
      <div class="picker-actions">
        {focusRegion && (
          <button type="button" class="link" aria-pressed={favourite} onClick={() => onToggleFavourite(focusRegion.id)}>
            <span aria-hidden="true">{favourite ? '★ ' : '☆ '}</span>
            {t('favouriteRegion', place(focusRegion))}
          </button>
        )}
        {prefs.recent.length > 0 && (
          <button type="button" class="link" onClick={onClearRecent}>
            {t('clearRecentRegions')}
          </button>
        )}
      </div>
    </div>
  );
}
