import type { SiteModel } from '../ui/site-model';
import type { ViewModel } from '../ui/view-model';
import { t } from '../ui/i18n';
import { ConnectPanel } from './ConnectPanel';
import { LoginForm } from './LoginForm';
import { PrivacyWarning } from './PrivacyWarning';
import { PrivateWindowsNote } from './PrivateWindowsNote';
import { ProxyWarning } from './ProxyWarning';
import { SiteBypass } from './SiteBypass';

/** Picks the screen from the state; every screen is real, none waits on the network. */
export function Popup({ model, site }: { model: ViewModel; site: SiteModel }) {
  const state = model.state.value;
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
          <LoginForm pending={model.pending.value} error={state.error} onLogin={model.login} />
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
            busy={model.busy.value}
            onConnect={model.connect}
            onDisconnect={model.disconnect}
            onPause={model.pause}
            onResume={model.resume}
          />
          <SiteBypass
            site={site.site.value}
            changed={site.changed.value}
            disabled={model.pending.value}
            onToggle={site.toggle}
            onReload={site.reload}
          />
          <PrivateWindowsNote protectedWindows={state.privateWindowsProtected} />
          {state.tokenKey && (
            // The one issuer key everyone's tokens are signed with: users can compare it.
            <p class="hint token-key">{t('tokenKey', state.tokenKey)}</p>
          )}
        </>
      )}
    </main>
  );
}
