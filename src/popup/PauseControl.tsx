import { t } from '../ui/i18n';

interface Props {
  status: string;
  busy: boolean;
  onPause(): void;
  onResume(): void;
}

/**
 * The captive-portal way out (background/pause.ts): offered only while the region's servers cannot
 * be reached, never taken on the user's behalf; while paused, one click protects again.
 */
export function PauseControl({ status, busy, onPause, onResume }: Props) {
  if (status === 'paused') {
    return (
      <button type="button" class="primary" disabled={busy} onClick={onResume}>
        {t('resumeNow')}
      </button>
    );
  }
  if (status !== 'reconnecting') return null;
  return (
    <div class="pause-offer">
      <details class="hint-line">
        <summary>{t('pauseOfferShort')}</summary>
        <p class="hint">{t('pauseOffer')}</p>
      </details>
      <button type="button" class="secondary" disabled={busy} onClick={onPause}>
        {t('pauseFiveMinutes')}
      </button>
    </div>
  );
}
