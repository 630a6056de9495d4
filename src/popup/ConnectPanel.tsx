import type { ViewState } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';
import { PauseControl } from './PauseControl';
import { StatusCard } from './StatusCard';

interface Props {
  state: ViewState;
  /** The region Connect goes to: the one chosen in the picker, else the last used. */
  regionId: string | null;
  busy: boolean;
  onConnect(regionId: string): void;
  onDisconnect(): void;
  onPause(): void;
  onResume(): void;
}

/** Whether the user asked to be protected: the one large control shows Disconnect then. */
export const isOn = (state: ViewState) =>
  state.status === 'connected' || state.status === 'reconnecting' || state.status === 'paused';

/** The status area: "am I protected?" (flag, region, state), what went wrong, and one large control. */
export function ConnectPanel({ state, regionId, busy, onConnect, onDisconnect, onPause, onResume }: Props) {
  const on = isOn(state);
  // While on, the card shows the region in use; otherwise the one Connect would go to.
  const region = state.regions.find((r) => r.id === (on || state.status === 'connecting' ? state.regionId : regionId));
  const blocked = state.proxyControl === 'otherExtension' || state.proxyControl === 'notAllowed';
  return (
    <section class="connect" aria-label={t('connection')}>
      <StatusCard status={state.status} region={region} pausedUntil={state.pausedUntil} />
      {state.regions.length === 0 && <p class="hint">{t('noRegions')}</p>}
      <ErrorNote error={state.status === 'paused' ? null : state.error} />
      <PauseControl status={state.status} busy={busy} onPause={onPause} onResume={onResume} />
      <button
        type="button"
        class={`big ${on ? 'secondary' : 'primary'}`}
        disabled={busy || !regionId || (!on && blocked)}
        onClick={() => (on ? onDisconnect() : regionId && onConnect(regionId))}
      >
        {on ? t('disconnect') : t('connect')}
      </button>
    </section>
  );
}
