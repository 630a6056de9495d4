import type { ProxyControl } from '../shared/view-state';
import { t } from '../ui/i18n';

/** Says why Connect cannot work while someone else holds the browser's proxy setting. */
export function ProxyWarning({ control }: { control: ProxyControl }) {
  if (control !== 'otherExtension' && control !== 'notAllowed') return null;
  const other = control === 'otherExtension';
  return (
    <section class="warning" aria-labelledby="proxy-warning-title">
      <h2 id="proxy-warning-title">{t(other ? 'proxyOther_title' : 'proxyPolicy_title')}</h2>
      <p>{t(other ? 'proxyOther_body' : 'proxyPolicy_body')}</p>
    </section>
  );
}
