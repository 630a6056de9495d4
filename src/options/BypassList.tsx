import type { ImportPlan } from '../shared/import-plan';
import type { BypassEntry, RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';
import { BypassAddForm } from './BypassAddForm';
import { BypassEntries } from './BypassEntries';
import { BypassExport } from './BypassExport';
import { BypassImport } from './BypassImport';

interface Props {
  entries: BypassEntry[];
  regions: RegionView[];
  mode: 'exclude' | 'include';
  /** Resolves to null when added (or changed), else why not. */
  onAdd(pattern: string, regionId?: string): Promise<string | null>;
  onRemove(pattern: string): void;
  onMode(mode: 'exclude' | 'include'): void;
  onImport(entries: BypassEntry[]): Promise<string | null>;
  onPlan(text: string): Promise<ImportPlan | null>;
}

export function BypassList({ entries, regions, mode, onAdd, onRemove, onMode, onImport, onPlan }: Props) {
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
      <BypassAddForm regions={regions} mode={mode} onAdd={onAdd} />
      <BypassEntries entries={entries} regions={regions} mode={mode} onEdit={onAdd} onRemove={onRemove} />
      <div class="transfer">
        <BypassImport entries={entries} regions={regions} onImport={onImport} onPlan={onPlan} />
        <BypassExport entries={entries} />
      </div>
    </section>
  );
}
