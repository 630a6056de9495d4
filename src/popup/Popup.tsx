import { useState } from 'preact/hooks';
import type { SiteModel } from '../ui/site-model';
import type { ViewModel } from '../ui/view-model';
import { t } from '../ui/i18n';
import { preferredOrder } from '../ui/regions';
import { ConnectPanel, isOn } from './ConnectPanel';
import { LoginForm } from './LoginForm';
import { PrivacyWarning } from './PrivacyWarning';
import { PrivateWindowsNote } from './PrivateWindowsNote';
import { ProxyWarning } from './ProxyWarning';
import { RegionPicker } from './RegionPicker';
import { SiteBypass } from './SiteBypass';
import { SiteHelp } from './SiteHelp';

/** The build's account service (scripts/build.mjs); the settings may name another. */
declare const __ACCOUNT_SERVICE_URL__: string;

/**
 * Picks the screen from the state; every screen is real, none waits on the network. Signed in,
 * the order answers the user's questions in turn: am I protected (status area), what about this
 * site (site card), then the region list and the one-line notes.
 */
export function Popup({ model, site }: { model: ViewModel; site: SiteModel }) {
  const state = model.state.value;
  // Choosing a region while on switches to it; otherwise it only picks where Connect goes.
  const [chosen, setChosen] = useState<string | null>(null);
  const regionId = chosen && state.regions.some((r) => r.id === chosen) ? chosen : state.regionId;
  const on = isOn(state);
  const current = site.site.value;
  const change = site.lastChange.value;
  const prefs = model.regionPrefs;
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
            pending={model.pending.value}
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
            busy={model.busy.value}
            onConnect={model.connect}
            onDisconnect={model.disconnect}
            onPause={model.pause}
            onResume={model.resume}
          />
          <SiteBypass
            site={current}
            changed={site.changed.value}
            disabled={model.pending.value}
            onToggle={site.toggle}
            onReload={site.reload}
          >
            {current?.site && (change || !current.bypassed) && (
              <SiteHelp
                site={current.site}
                alternatives={preferredOrder(state.regions, prefs.prefs.value).filter((r) => r.id !== state.regionId)}
                change={change}
                disabled={model.pending.value}
                onRoute={site.route}
                onUndo={site.undo}
              />
            )}
          </SiteBypass>
          {state.regions.length > 0 && (
            <RegionPicker
              regions={state.regions}
              value={regionId}
              prefs={prefs.prefs.value}
              disabled={model.busy.value}
              onChange={(id) => {
                setChosen(id);
                if (on && id !== state.regionId) void model.connect(id);
              }}
              onToggleFavourite={prefs.toggleFavourite}
              onClearRecent={prefs.clearRecent}
              onShow={prefs.load}
            />
          )}
          <PrivateWindowsNote protectedWindows={state.privateWindowsProtected} />
        </>
      )}
    </main>
  );
}
