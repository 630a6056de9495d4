import { clockGivesAway } from '../shared/clock-hint';
import type { RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';

/**
 * One line when the browser's time zone clearly gives away that the user is not in the region
 * they appear in (src/shared/clock-hint.ts), the details on demand; nothing is spoofed.
 */
export function ClockHint({ region, zone, offset }: { region: RegionView; zone: string; offset: number }) {
  if (!clockGivesAway(region.country, offset)) return null;
  return (
    <details class="hint-line clock-hint">
      <summary>{t('clockHint', zone, region.name)}</summary>
      <p class="hint">{t('clockHintDetail')}</p>
    </details>
  );
}
