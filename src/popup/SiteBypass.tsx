import type { ComponentChildren } from 'preact';
import type { SiteView } from '../shared/messages';
import { t } from '../ui/i18n';

interface Props {
  /** null until the background has answered (the card keeps its place, the switch waits). */
  site: SiteView | null;
  changed: boolean;
  disabled: boolean;
  onToggle(bypass: boolean): void;
  onReload(): void;
  /** "Site not working?" goes here, inside the card. */
  children?: ComponentChildren;
}

/** The current site and a switch that sends it around the VPN; takes effect at once. */
export function SiteBypass({ site, changed, disabled, onToggle, onReload, children }: Props) {
  const loading = site === null;
  const name = site?.site ?? null;
  const bypassed = site?.bypassed ?? false;
  const hint = loading ? '' : !name ? t('siteUnavailable') : bypassed ? t('siteBypassed') : t('siteProtected');
  return (
    <section class={`site${bypassed ? ' bypassed' : ''}`} aria-label={t('thisSite')} aria-busy={loading}>
      <div class="site-row">
        <span class="site-name">{loading ? '\u00a0' : (name ?? t('browserPage'))}</span>
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={bypassed}
          aria-label={t('bypassThisSite')}
          aria-describedby="site-hint"
          disabled={disabled || !name}
          onClick={() => onToggle(!bypassed)}
        >
          <span aria-hidden="true" />
        </button>
      </div>
      <p class="hint" id="site-hint">
        {hint || '\u00a0'}
      </p>
      {changed && (
        <button type="button" class="link" onClick={onReload}>
          {t('reloadToApply')}
        </button>
      )}
      {children}
    </section>
  );
}
