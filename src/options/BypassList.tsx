import { useState } from 'preact/hooks';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';

interface Props {
  entries: BypassEntry[];
  regions: RegionView[];
  mode: 'exclude' | 'include';
  /** Resolves to null when added, else why not. */
  onAdd(pattern: string, regionId?: string): Promise<string | null>;
  onRemove(pattern: string): void;
  onMode(mode: 'exclude' | 'include'): void;
}

// Long lists stay smooth: only the first matches are rendered; search narrows the rest.
const SHOWN = 200;

export function BypassList({ entries, regions, mode, onAdd, onRemove, onMode }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pattern, setPattern] = useState('');
  const [regionId, setRegionId] = useState('');
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const matches = q ? entries.filter((e) => e.pattern.includes(q)) : entries;
  const regionName = (id?: string) => regions.find((r) => r.id === id)?.name ?? id;
  return (
    <section class="bypass" aria-labelledby="bypass-title">
      <h2 id="bypass-title">{t('bypassListTitle')}</h2>
      <fieldset>
        <legend>{t('modeLegend')}</legend>
        <label class="inline">
          <input type="radio" name="mode" checked={mode === 'exclude'} onChange={() => onMode('exclude')} />
          {t('modeExclude')}
        </label>
        <label class="inline">
          <input type="radio" name="mode" checked={mode === 'include'} onChange={() => onMode('include')} />
          {t('modeInclude')}
        </label>
      </fieldset>
      <form
        class="add"
        onSubmit={(event) => {
          event.preventDefault();
          void onAdd(pattern.trim(), regionId || undefined).then((failure) => {
            setError(failure);
            if (!failure) setPattern('');
          });
        }}
      >
        <label>
          {t('addEntry')}
          <input value={pattern} placeholder="example.com" onInput={(e) => setPattern(e.currentTarget.value)} />
        </label>
        <label>
          {t('entryRegion')}
          <select value={regionId} onChange={(e) => setRegionId(e.currentTarget.value)}>
            <option value="">{mode === 'exclude' ? t('regionNone') : t('regionDefault')}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('add')}</button>
      </form>
      <p class="hint">{t('entrySyntax')}</p>
      <ErrorNote message={error} />
      <label>
        {t('searchList')}
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      <p class="hint" role="status">
        {t('entryCount', String(matches.length), String(entries.length))}
      </p>
      <ul class="entries">
        {matches.slice(0, SHOWN).map((e) => (
          <li key={e.pattern}>
            <span class="pattern">{e.pattern}</span>
            {e.regionId && <span class="via">{t('viaRegion', regionName(e.regionId) ?? '')}</span>}
            <button
              type="button"
              class="link"
              aria-label={t('removeEntry', e.pattern)}
              onClick={() => onRemove(e.pattern)}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
