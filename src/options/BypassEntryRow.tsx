import { useState } from 'preact/hooks';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';
import { RegionSelect } from './RegionSelect';

interface Props {
  entry: BypassEntry;
  regions: RegionView[];
  regionName: string | null;
  mode: 'exclude' | 'include';
  /** Replaces the entry's region; resolves to null when done, else why not. */
  onEdit(pattern: string, regionId?: string): Promise<string | null>;
  onRemove(pattern: string): void;
}

/** One entry, inside its list item (src/options/WindowedList.tsx): its pattern and region; Edit changes the region in place. */
export function BypassEntryRow({ entry, regions, regionName, mode, onEdit, onRemove }: Props) {
  const [editing, setEditing] = useState(false);
  const [regionId, setRegionId] = useState(entry.regionId ?? '');
  const [error, setError] = useState<string | null>(null);
  if (editing) {
    return (
      <div class="entry editing">
        <form
          class="edit"
          onSubmit={(event) => {
            event.preventDefault();
            void onEdit(entry.pattern, regionId || undefined).then((failure) => {
              setError(failure);
              if (!failure) setEditing(false);
            });
          }}
        >
          <span class="pattern">{entry.pattern}</span>
          <label class="inline">
            {t('entryRegion')}
            <RegionSelect regions={regions} mode={mode} value={regionId} onChange={setRegionId} />
          </label>
          <button type="submit">{t('apply')}</button>
          <button type="button" class="link" onClick={() => setEditing(false)}>
            {t('cancel')}
          </button>
        </form>
        <ErrorNote message={error} />
      </div>
    );
  }
  return (
    <div class="entry">
      <span class="pattern">{entry.pattern}</span>
      {regionName && <span class="via">{t('viaRegion', regionName)}</span>}
      <button
        type="button"
        class="link"
        aria-label={t('editEntry', entry.pattern)}
        onClick={() => {
          setRegionId(entry.regionId ?? '');
          setEditing(true);
        }}
      >
        {t('edit')}
      </button>
      <button
        type="button"
        class="link"
        aria-label={t('removeEntry', entry.pattern)}
        onClick={() => onRemove(entry.pattern)}
      >
        {t('remove')}
      </button>
    </div>
  );
}
