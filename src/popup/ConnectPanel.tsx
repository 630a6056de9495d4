import { useState } from 'preact/hooks';
import type { RegionView, ViewState } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { flagOf } from '../ui/flag';
import { t } from '../ui/i18n';

interface Props {
  state: ViewState;
  busy: boolean;
  onConnect(regionId: string): void;
  onDisconnect(): void;
}

const label = (r: RegionView) => `${flagOf(r.country)} ${r.name} · ${r.city}`.trim();

export function ConnectPanel({ state, busy, onConnect, onDisconnect }: Props) {
  const on = state.status === 'connected' || state.status === 'reconnecting';
  // Choosing a region while connected switches to it; while disconnected it only selects it.
  const [chosen, setChosen] = useState<string | null>(null);
  const regionId = chosen && state.regions.some((r) => r.id === chosen) ? chosen : state.regionId;
  const region = state.regions.find((r) => r.id === state.regionId);
  return (
    <section class={`connect status-${state.status}`}>
      <p class="status" role="status">
        <strong>{t(`status_${state.status}`)}</strong>
        <span>{on && region ? t('connectedTo', label(region)) : t('notProtected')}</span>
      </p>
      {state.regions.length === 0 ? (
        <p>{t('noRegions')}</p>
      ) : (
        <label>
          {t('region')}
          <select
            value={regionId ?? ''}
            disabled={busy}
            onChange={(e) => {
              setChosen(e.currentTarget.value);
              if (on) onConnect(e.currentTarget.value);
            }}
          >
            {state.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r)}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorNote message={state.error?.message} />
      <button
        type="button"
        class={on ? 'secondary' : 'primary'}
        disabled={busy || !regionId}
        onClick={() => (on ? onDisconnect() : regionId && onConnect(regionId))}
      >
        {on ? t('disconnect') : t('connect')}
      </button>
    </section>
  );
}
