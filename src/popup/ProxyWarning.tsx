import type { ProxyControl } from '../shared/view-state';
import { t } from '../ui/i18n';

/** Says why Connect cannot work while someone else holds the browser's proxy setting: one line, details on demand. */
export function ProxyWarning({ control }: { control: ProxyControl }) {
  if (control !== 'otherExtension' && control !== 'notAllowed') return null;
  const other = control === 'otherExtension';
  return (
    <details class="warning">
      <summary>{t(other ? 'proxyOther_title' : 'proxyPolicy_title')}</summary>
      <p>{t(other ? 'proxyOther_body' : 'proxyPolicy_body')}</p>
    </details>
  );
}
