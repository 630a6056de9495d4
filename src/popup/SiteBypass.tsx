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
  const name = site.site;
  const hint = !name ? t('siteUnavailable') : site.bypassed ? t('siteBypassed') : t('siteProtected');
  return (
    <section class={`site${site.bypassed ? ' bypassed' : ''}`} aria-label={t('thisSite')}>
      <div class="site-row">
        <span class="site-name">{name ?? t('browserPage')}</span>
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={site.bypassed}
          aria-label={t('bypassThisSite')}
          aria-describedby="site-hint"
          disabled={disabled || !name}
          onClick={() => onToggle(!site.bypassed)}
        >
          <span aria-hidden="true" />
        </button>
      </div>
      <p class="hint" id="site-hint">
        {hint}
      </p>
      {changed && (
        <button type="button" class="link" onClick={onReload}>
          {t('reloadToApply')}
        </button>
      )}
    </section>
  );
}
