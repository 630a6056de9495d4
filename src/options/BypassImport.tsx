import { useEffect, useState } from 'preact/hooks';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';
import { tn } from '../ui/plural';
import type { ImportPlan } from '../shared/import-plan';
import { ImportPreview } from './ImportPreview';

interface Props {
  entries: BypassEntry[];
  regions: RegionView[];
  /** Resolves to null when imported, else why not. */
  onImport(entries: BypassEntry[]): Promise<string | null>;
  /** What importing the text would do (the background plans it), null if it could not say. */
  onPlan(text: string): Promise<ImportPlan | null>;
}

/** Import as text: shows what it will add and refuse, and changes nothing until confirmed. */
export function BypassImport({ entries, regions, onImport, onPlan }: Props) {
  const [text, setText] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  // The background plans the import: it already has the rule parser and its public-suffix list,
  // which the options page would otherwise carry a second time (bench: bundle). The list and the
  // regions are inputs too: the plan changes when they do.
  useEffect(() => {
    if (!text.trim()) return setPlan(null);
    let current = true;
    void onPlan(text).then((next) => {
      if (current) setPlan(next);
    });
    return () => {
      current = false;
    };
  }, [text, entries, regions, onPlan]);
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
        const count = changes.length;
        void onImport(changes).then((failure) => {
          setError(failure);
          if (!failure) {
            setText('');
            setDone(tn('imported', count));
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
        {tn('importConfirm', changes.length)}
      </button>
      <p role="status">{done}</p>
    </form>
  );
}
