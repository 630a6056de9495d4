import { useState } from 'preact/hooks';
import type { SiteModel } from '../ui/site-model';
import type { ViewModel } from '../ui/view-model';
import { t } from '../ui/i18n';
import { preferredOrder } from '../ui/regions';
import { useSignals } from '../ui/use-signals';
import { ClockHint } from './ClockHint';
import { ConnectPanel, isOn } from './ConnectPanel';
import { LoginForm } from './LoginForm';
import { PrivacyWarning } from './PrivacyWarning';
import { PrivateWindowsNote } from './PrivateWindowsNote';
import { ProxyWarning } from './ProxyWarning';
import { RegionPicker } from './RegionPicker';
import { SiteBypass } from './SiteBypass';
import { SiteHelp } from './SiteHelp';
import { SitesSee } from './SitesSee';

/** The build's account service (scripts/build.mjs); the settings may name another. */
declare const __ACCOUNT_SERVICE_URL__: string;

/**
 * Picks the screen from the state; every screen is real, none waits on the network. Signed in,
 * the order answers the user's questions in turn: am I protected (status area), what about this
 * site (site card), then the region list and the one-line notes.
 */
export function Popup({ model, site }: { model: ViewModel; site: SiteModel }) {
  const { state, current, change, pending, busy, changed, prefs } = useSignals(() => ({
    state: model.state.value,
    current: site.site.value,
    change: site.lastChange.value,
    pending: model.pending.value,
    busy: model.busy.value,
    changed: site.changed.value,
    prefs: model.regionPrefs.prefs.value,
  }));
  // Choosing a region while on switches to it; otherwise it only picks where Connect goes.
  const [chosen, setChosen] = useState<string | null>(null);
  const regionId = chosen && state.regions.some((r) => r.id === chosen) ? chosen : state.regionId;
  const on = isOn(state);
  const connectedTo = state.status === 'connected' ? state.regions.find((r) => r.id === state.regionId) : undefined;
  return (
    <main class={`popup status-${state.status}`}>
      <header>
        <h1>
          <span class="logo" aria-hidden="true" />
          {t('extName')}
        </h1>
        <button type="button" class="link" onClick={model.openOptions}>
          {t('settings')}
        </button>
      </header>
      <ProxyWarning control={state.proxyControl} />
      <PrivacyWarning notApplied={state.privacyNotApplied} />
      {state.status === 'signedOut' ? (
        <>
          <LoginForm
            pending={pending}
            error={state.error}
            switchedOn={state.switchedOn}
            onLogin={model.login}
            service={state.settings.accountServiceUrl || __ACCOUNT_SERVICE_URL__}
          />
          {state.switchedOn && (
            // Signed out while switched on (kill switch): traffic is blocked until login or this.
            <button type="button" class="secondary" onClick={model.disconnect}>
              {t('disconnect')}
            </button>
          )}
        </>
      ) : (
        <>
          <ConnectPanel
            state={state}
            regionId={regionId}
            busy={busy}
            onConnect={model.connect}
            onDisconnect={model.disconnect}
            onPause={model.pause}
            onResume={model.resume}
          />
          <SiteBypass site={current} changed={changed} disabled={pending} onToggle={site.toggle} onReload={site.reload}>
            {current?.site && (change || !current.bypassed) && (
              <SiteHelp
                site={current.site}
                alternatives={preferredOrder(state.regions, prefs).filter((r) => r.id !== state.regionId)}
                change={change}
                disabled={pending}
                onRoute={site.route}
                onUndo={site.undo}
              />
            )}
          </SiteBypass>
          {state.regions.length > 0 && (
            <RegionPicker
              regions={state.regions}
              value={regionId}
              prefs={prefs}
              disabled={busy}
              onChange={(id) => {
                setChosen(id);
                if (on && id !== state.regionId) void model.connect(id);
              }}
              onToggleFavourite={model.regionPrefs.toggleFavourite}
              onClearRecent={model.regionPrefs.clearRecent}
              onShow={model.regionPrefs.load}
            />
          )}
          {connectedTo && <SitesSee key={connectedTo.id} check={model.checkConnection} />}
          {connectedTo && state.giveaway && <ClockHint giveaway={state.giveaway} region={connectedTo} />}
          <PrivateWindowsNote protectedWindows={state.privateWindowsProtected} />
        </>
      )}
    </main>
  );
}
