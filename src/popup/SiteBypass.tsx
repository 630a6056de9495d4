import type { SiteView } from '../shared/messages';
import { t } from '../ui/i18n';

interface Props {
  site: SiteView;
  changed: boolean;
  disabled: boolean;
  onToggle(bypass: boolean): void;
  onReload(): void;
}

/** The current site and a switch that sends it around the VPN; takes effect at once. */
export function SiteBypass({ site, changed, disabled, onToggle, onReload }: Props) {
  if (!site.site) {
    return (
      <section class="site">
        <p class="hint">{t('siteUnavailable')}</p>
      </section>
    );
  }
  return (
    <section class="site" aria-label={t('thisSite')}>
      <div class="site-row">
        <span class="site-name">{site.site}</span>
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={site.bypassed}
          aria-label={t('bypassThisSite')}
          disabled={disabled}
          onClick={() => onToggle(!site.bypassed)}
        >
          <span aria-hidden="true" />
        </button>
      </div>
      <p class="hint">{site.bypassed ? t('siteBypassed') : t('bypassThisSite')}</p>
      {changed && (
        <button type="button" class="link" onClick={onReload}>
          {t('reloadToApply')}
        </button>
      )}
    </section>
  );
}
