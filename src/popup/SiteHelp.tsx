import type { RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';
import type { SiteChange } from '../ui/site-model';

interface Props {
  site: string;
  /** Regions offered as the other way through, best first (favourites, recent, the rest). */
  alternatives: RegionView[];
  change: SiteChange | null;
  disabled: boolean;
  onRoute(regionId: string | null): void;
  onUndo(): void;
}

const place = (r: RegionView) => `${r.name} · ${r.city}`;

/**
 * "Site not working?": bypass the VPN for this site, or send it through another region, one click
 * each. Each choice is an ordinary bypass rule (visible in options), and one click undoes it.
 */
export function SiteHelp({ site, alternatives, change, disabled, onRoute, onUndo }: Props) {
  if (change) {
    const region = alternatives.find((r) => r.id === change.regionId);
    const where = region ? place(region) : change.regionId;
    return (
      <div class="site-change">
        <p role="status">{where ? t('siteNowThrough', change.site, where) : t('siteNowBypassed', change.site)}</p>
        <button type="button" class="link" disabled={disabled} onClick={onUndo}>
          {t('undo')}
        </button>
      </div>
    );
  }
  return (
    <details class="site-help">
      <summary>{t('siteNotWorking')}</summary>
      <p class="hint">{t('siteHelpHint')}</p>
      <div class="site-help-actions">
        <button type="button" class="secondary" disabled={disabled} onClick={() => onRoute(null)}>
          {t('bypassSiteNamed', site)}
        </button>
        {alternatives.slice(0, 2).map((r) => (
          <button key={r.id} type="button" class="secondary" disabled={disabled} onClick={() => onRoute(r.id)}>
            {t('sendSiteThrough', place(r))}
          </button>
        ))}
      </div>
    </details>
  );
}
