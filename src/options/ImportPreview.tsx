import type { ImportPlan, ImportRefusal } from '../shared/import-plan';
import { t } from '../ui/i18n';
import { tn } from '../ui/plural';

function reason(r: ImportRefusal): string {
  switch (r.code) {
    case 'tooManyWords':
      return t('importTooManyWords');
    case 'unknownRegion':
      return t('importUnknownRegion', r.detail);
    case 'repeats':
      return t('importRepeats', r.detail);
    case 'listFull':
      return t('importListFull', r.detail);
    default:
      return r.detail;
  }
}

// Enough to see what is wrong with a file; the count says how many more there are.
const SHOWN_REFUSALS = 50;

/** What an import would do, line by line where a line is refused. Nothing has changed yet. */
export function ImportPreview({ plan }: { plan: ImportPlan }) {
  const more = plan.refused.length - SHOWN_REFUSALS;
  return (
    <div class="preview">
      <p>
        {tn('importWillAdd', plan.add.length)} {plan.update.length > 0 && tn('importWillUpdate', plan.update.length)}{' '}
        {plan.unchanged > 0 && tn('importUnchanged', plan.unchanged)}
      </p>
      {plan.refused.length > 0 && (
        <>
          <p class="error">{tn('importWillRefuse', plan.refused.length)}</p>
          <ul class="refused" tabIndex={0} aria-label={t('refusedLines')}>
            {plan.refused.slice(0, SHOWN_REFUSALS).map((r) => (
              <li key={r.line}>
                <span class="line">{t('lineNumber', String(r.line))}</span> <code>{r.text}</code>: {reason(r)}
              </li>
            ))}
          </ul>
          {more > 0 && <p class="hint">{tn('andMore', more)}</p>}
        </>
      )}
    </div>
  );
}
