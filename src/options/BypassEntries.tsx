import { useMemo, useState } from 'preact/hooks';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';
import { BypassEntryRow } from './BypassEntryRow';

interface Props {
  entries: BypassEntry[];
  regions: RegionView[];
  mode: 'exclude' | 'include';
  onEdit(pattern: string, regionId?: string): Promise<string | null>;
  onRemove(pattern: string): void;
}

// Long lists stay smooth: one page of rows is in the DOM at a time; search narrows the rest.
export const PAGE_SIZE = 100;

export function BypassEntries({ entries, regions, mode, onEdit, onRemove }: Props) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const q = query.trim().toLowerCase();
  const matches = useMemo(() => (q ? entries.filter((e) => e.pattern.includes(q)) : entries), [entries, q]);
  const names = useMemo(() => new Map(regions.map((r) => [r.id, r.name])), [regions]);
  const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const from = current * PAGE_SIZE;
  const rows = matches.slice(from, from + PAGE_SIZE);
  return (
    <div class="entries-panel">
      <label>
        {t('searchList')}
        <input
          type="search"
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setPage(0);
          }}
        />
      </label>
      <p class="hint" role="status">
        {t('entryCount', String(matches.length), String(entries.length))}
        {pages > 1 && ` · ${t('pageOf', String(current + 1), String(pages))}`}
      </p>
      {entries.length === 0 ? (
        <p class="empty">{t('listEmpty')}</p>
      ) : (
        <ul class="entries" aria-labelledby="bypass-title">
          {rows.map((e) => (
            <BypassEntryRow
              key={e.pattern}
              entry={e}
              regions={regions}
              regionName={e.regionId ? (names.get(e.regionId) ?? e.regionId) : null}
              mode={mode}
              onEdit={onEdit}
              onRemove={onRemove}
            />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t('pages')}>
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('previousPage')}
          </button>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('nextPage')}
          </button>
        </nav>
      )}
    </div>
  );
}
