import { useMemo, useState } from 'preact/hooks';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';
import { BypassEntryRow } from './BypassEntryRow';
import { WindowedList } from './WindowedList';

interface Props {
  entries: BypassEntry[];
  regions: RegionView[];
  mode: 'exclude' | 'include';
  onEdit(pattern: string, regionId?: string): Promise<string | null>;
  onRemove(pattern: string): void;
}

export function BypassEntries({ entries, regions, mode, onEdit, onRemove }: Props) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const matches = useMemo(() => (q ? entries.filter((e) => e.pattern.includes(q)) : entries), [entries, q]);
  const names = useMemo(() => new Map(regions.map((r) => [r.id, r.name])), [regions]);
  return (
    <div class="entries-panel">
      <label>
        {t('searchList')}
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      <p class="hint" role="status">
        {t('entryCount', String(matches.length), String(entries.length))}
      </p>
      {entries.length === 0 ? (
        <p class="empty">{t('listEmpty')}</p>
      ) : (
        // A new search starts at the top of its matches: the list is a new one.
        <WindowedList
          key={q}
          items={matches}
          itemKey={(e) => e.pattern}
          labelledBy="bypass-title"
          row={(e) => (
            <BypassEntryRow
              entry={e}
              regions={regions}
              regionName={e.regionId ? (names.get(e.regionId) ?? e.regionId) : null}
              mode={mode}
              onEdit={onEdit}
              onRemove={onRemove}
            />
          )}
        />
      )}
    </div>
  );
}
