import { t } from '../ui/i18n';

/** Private windows are proxied only when the user allowed the extension there (threats F13): one line, details on demand. */
export function PrivateWindowsNote({ protectedWindows }: { protectedWindows: boolean }) {
  if (protectedWindows) return null;
  return (
    <details class="hint-line private-note">
      <summary>{t('privateWindowsShort')}</summary>
      <p class="hint">{t('privateWindowsUnprotected')}</p>
    </details>
  );
}
