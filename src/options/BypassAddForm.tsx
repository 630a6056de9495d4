import { useState } from 'preact/hooks';
import type { RegionView } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';
import { RegionSelect } from './RegionSelect';

interface Props {
  regions: RegionView[];
  mode: 'exclude' | 'include';
  /** Resolves to null when added, else why not. */
  onAdd(pattern: string, regionId?: string): Promise<string | null>;
}

export function BypassAddForm({ regions, mode, onAdd }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pattern, setPattern] = useState('');
  const [regionId, setRegionId] = useState('');
  return (
    <>
      <form
        class="add"
        onSubmit={(event) => {
          event.preventDefault();
          const submitted = pattern;
          void onAdd(pattern.trim(), regionId || undefined).then((failure) => {
            setError(failure);
            // Clear only what was added: the user may already be typing the next entry.
            if (!failure) setPattern((current) => (current === submitted ? '' : current));
          });
        }}
      >
        <label>
          {t('addEntry')}
          <input value={pattern} placeholder="example.com" onInput={(e) => setPattern(e.currentTarget.value)} />
        </label>
        <label>
          {t('entryRegion')}
          <RegionSelect regions={regions} mode={mode} value={regionId} onChange={setRegionId} />
        </label>
        <button type="submit">{t('add')}</button>
      </form>
      <p class="hint">{t('entrySyntax')}</p>
      <ErrorNote message={error} />
    </>
  );
}
