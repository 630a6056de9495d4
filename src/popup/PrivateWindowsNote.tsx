import { t } from '../ui/i18n';

/** Private windows are proxied only when the user allowed the extension there (threats F13). */
export function PrivateWindowsNote({ protectedWindows }: { protectedWindows: boolean }) {
  if (protectedWindows) return null;
  return <p class="hint private-note">{t('privateWindowsUnprotected')}</p>;
}
