import type { RegionView, Status } from '../shared/view-state';
import { flagOf } from '../ui/flag';
import { t } from '../ui/i18n';

interface Props {
  status: Status;
  region: RegionView | undefined;
  /** When a pause ends (epoch ms), while paused. */
  pausedUntil?: number | null;
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

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
            ? t('pausedHint', clock(pausedUntil))
            : t('notProtected');
  return (
    <div class="status" role="status">
      <span class="flag" aria-hidden="true">
        {region && status !== 'disconnected' && status !== 'error' && status !== 'paused' ? flagOf(region.country) : ''}
      </span>
      <span class="status-text">
        <strong>{t(`status_${status}`)}</strong>
        <span>{line}</span>
      </span>
    </div>
  );
}
