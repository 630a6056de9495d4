import { useEffect, useMemo, useState } from 'preact/hooks';
import type { BypassEntry } from '../shared/view-state';
import { t } from '../ui/i18n';
import { exportText } from './export-text';

/** Export as text: a file to download, and the same text to copy. */
export function BypassExport({ entries }: { entries: BypassEntry[] }) {
  const [open, setOpen] = useState(false);
  const text = useMemo(() => (open ? exportText(entries) : ''), [open, entries]);
  const url = useMemo(() => (open ? URL.createObjectURL(new Blob([text], { type: 'text/plain' })) : ''), [open, text]);
  useEffect(() => () => url && URL.revokeObjectURL(url), [url]);
  return (
    <div class="export">
      <h3 id="export-title">{t('exportTitle')}</h3>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('exportList')}
        </button>
      ) : (
        <>
          <a class="button" href={url} download="zone-vpn-bypass-list.txt">
            {t('downloadList')}
          </a>
          <label>
            {t('exportedText')}
            <textarea rows={5} readOnly value={text} spellcheck={false} />
          </label>
        </>
      )}
    </div>
  );
}
