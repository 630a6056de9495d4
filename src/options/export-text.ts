/** The bypass list as text (the format src/core/import-plan.ts reads); no parser needed to write it. */
import type { BypassEntry } from '../shared/view-state';
import { t } from '../ui/i18n';

export function exportText(entries: readonly BypassEntry[]): string {
  const lines = entries.map((e) => (e.regionId ? `${e.pattern} ${e.regionId}` : e.pattern));
  return [`# ${t('exportHeader')}`, ...lines, ''].join('\n');
}
