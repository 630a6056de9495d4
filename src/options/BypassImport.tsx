import { useEffect, useState } from 'preact/hooks';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';
import type { ImportPlan } from './bypass-text';
import { ImportPreview } from './ImportPreview';

interface Props {
  entries: BypassEntry[];
  regions: RegionView[];
  /** Resolves to null when imported, else why not. */
  onImport(entries: BypassEntry[]): Promise<string | null>;
}

/** Import as text: shows what it will add and refuse, and changes nothing until confirmed. */
export function BypassImport({ entries, regions, onImport }: Props) {
  const [text, setText] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  // The rule parser (and its public-suffix list) loads only when someone imports: the options
  // page's first paint stays light (bench: options).
  useEffect(() => {
    if (!text.trim()) return setPlan(null);
    let current = true;
    void import('./bypass-text').then(({ planImport }) => {
      if (current) setPlan(planImport(text, entries, regions));
    });
    return () => {
      current = false;
    };
  }, [text, entries, regions]);
  const changes = plan ? [...plan.add, ...plan.update] : [];
  const edit = (next: string) => {
    setText(next);
    setDone('');
    setError(null);
  };
  return (
    <form
      class="import"
      aria-labelledby="import-title"
      onSubmit={(event) => {
        event.preventDefault();
        const count = String(changes.length);
        void onImport(changes).then((failure) => {
          setError(failure);
          if (!failure) {
            setText('');
            setDone(t('imported', count));
          }
        });
      }}
    >
      <h3 id="import-title">{t('importTitle')}</h3>
      <p class="hint">{t('importHelp')}</p>
      <label>
        {t('importFile')}
        <input
          type="file"
          accept=".txt,text/plain"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void file.text().then(edit);
          }}
        />
      </label>
      <label>
        {t('importPaste')}
        <textarea rows={5} value={text} spellcheck={false} onInput={(e) => edit(e.currentTarget.value)} />
      </label>
      {plan && <ImportPreview plan={plan} />}
      <ErrorNote message={error} />
      <button type="submit" disabled={changes.length === 0}>
        {t('importConfirm', String(changes.length))}
      </button>
      <p role="status">{done}</p>
    </form>
  );
}
