import type { Giveaway, RegionView } from '../shared/view-state';
import { t } from '../ui/i18n';
import { nameOf } from '../ui/intl';

/**
 * One line when the browser's time zone or language clearly gives away that the user is not in
 * the region they appear in (the background decides: src/core/giveaway.ts), the details on demand;
 * nothing is spoofed.
 */
export function ClockHint({ giveaway, region }: { giveaway: Giveaway; region: RegionView }) {
  return (
    <details class="hint-line clock-hint">
      <summary>
        {giveaway.kind === 'clock'
          ? t('clockHint', giveaway.zone, region.name)
          : t('languageHint', nameOf('language', giveaway.language), region.name)}
      </summary>
      <p class="hint">{t('clockHintDetail')}</p>
    </details>
  );
}
