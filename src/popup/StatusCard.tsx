import type { RegionView, Status } from '../shared/view-state';
import { flagOf } from '../ui/flag';
import { t } from '../ui/i18n';

interface Props {
  status: Status;
  region: RegionView | undefined;
}

/** The one live line of the popup: whether traffic is protected, and through which region. */
export function StatusCard({ status, region }: Props) {
  const place = region ? `${region.name} · ${region.city}` : '';
  const line =
    status === 'connected' && region
      ? t('connectedTo', place)
      : status === 'connecting' && region
        ? t('connectingTo', place)
        : status === 'reconnecting'
          ? t('reconnectingHint')
          : t('notProtected');
  return (
    <div class="status" role="status">
      <span class="flag" aria-hidden="true">
        {region && status !== 'disconnected' && status !== 'error' ? flagOf(region.country) : ''}
      </span>
      <span class="status-text">
        <strong>{t(`status_${status}`)}</strong>
        <span>{line}</span>
      </span>
    </div>
  );
}
