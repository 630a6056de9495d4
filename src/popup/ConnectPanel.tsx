import { useState } from 'preact/hooks';
import type { ViewState } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { t } from '../ui/i18n';
import { PauseControl } from './PauseControl';
import { RegionPicker } from './RegionPicker';
import { StatusCard } from './StatusCard';

interface Props {
  state: ViewState;
  busy: boolean;
  onConnect(regionId: string): void;
  onDisconnect(): void;
  onPause(): void;
  onResume(): void;
}

export function ConnectPanel({ state, busy, onConnect, onDisconnect, onPause, onResume }: Props) {
  const on = state.status === 'connected' || state.status === 'reconnecting' || state.status === 'paused';
  // Choosing a region while connected switches to it; otherwise it only selects it.
  const [chosen, setChosen] = useState<string | null>(null);
  const regionId = chosen && state.regions.some((r) => r.id === chosen) ? chosen : state.regionId;
  const region = state.regions.find((r) => r.id === state.regionId);
  const blocked = state.proxyControl === 'otherExtension' || state.proxyControl === 'notAllowed';
  return (
    <section class="connect" aria-label={t('connection')}>
      <StatusCard status={state.status} region={region} pausedUntil={state.pausedUntil} />
      {state.regions.length === 0 ? (
        <p class="hint">{t('noRegions')}</p>
      ) : (
        <RegionPicker
          regions={state.regions}
          value={regionId}
          lastUsed={state.regionId}
          disabled={busy}
          onChange={(id) => {
            setChosen(id);
            if (on && id !== state.regionId) onConnect(id);
          }}
        />
      )}
      <ErrorNote error={state.status === 'paused' ? null : state.error} />
      <PauseControl status={state.status} busy={busy} onPause={onPause} onResume={onResume} />
      <button
        type="button"
        class={on ? 'secondary' : 'primary'}
        disabled={busy || !regionId || (!on && blocked)}
        onClick={() => (on ? onDisconnect() : regionId && onConnect(regionId))}
      >
        {on ? t('disconnect') : t('connect')}
      </button>
    </section>
  );
}
