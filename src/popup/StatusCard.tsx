import type { RegionView, Status } from '../shared/view-state';
import { flagOf } from '../ui/flag';
import { t } from '../ui/i18n';
import { formatTime } from '../ui/intl';

interface Props {
  status: Status;
  /** The region in use, or the one Connect would go to. */
  region: RegionView | undefined;
  /** When a pause ends (epoch ms), while paused. */
  pausedUntil?: number | null;
}

/** The one live line of the popup: whether traffic is protected, and through which region. */
export function StatusCard({ status, region, pausedUntil }: Props) {
  const place = region ? `${region.name} · ${region.city}` : '';
  const line =
    status === 'connected' && region
      ? t('connectedTo', place)
      : status === 'connecting' && region
        ? t('connectingTo', place)
        : status === 'reconnecting'
          ? t('reconnectingHint')
          : status === 'paused' && pausedUntil
            ? t('pausedHint', formatTime(pausedUntil))
            : t('notProtected');
  const live = region && (status === 'connected' || status === 'connecting' || status === 'reconnecting');
  return (
    <div class="status" role="status">
      <span class={`flag${live ? '' : ' dim'}`} aria-hidden="true">
        {region ? flagOf(region.country) : ''}
      </span>
      <span class="status-text">
        <strong>{t(`status_${status}`)}</strong>
        <span>{line}</span>
        {region && !live && status !== 'paused' && <span class="next">{t('regionToConnect', place)}</span>}
      </span>
    </div>
  );
}
