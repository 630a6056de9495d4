import type { ViewModel } from '../ui/view-model';
import { t } from '../ui/i18n';
import { useSignals } from '../ui/use-signals';
import { AccountPanel } from './AccountPanel';
import type { OptionsRequests } from './options-requests';
import { BypassList } from './BypassList';
import { ContainersPanel } from './ContainersPanel';
import { PrivacyPanel } from './PrivacyPanel';
import { SettingsForm } from './SettingsForm';
import { ServiceForm } from './ServiceForm';

export function Options({ model, requests }: { model: ViewModel; requests: OptionsRequests }) {
  const { state, pending } = useSignals(() => ({ state: model.state.value, pending: model.pending.value }));
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <AccountPanel email={state.email} pending={pending} onLogout={model.logout} loadAccount={requests.accountInfo} />
      <BypassList
        entries={state.bypass}
        regions={state.regions}
        mode={state.settings.mode}
        onAdd={model.addBypass}
        onRemove={model.removeBypass}
        onMode={(mode) => model.updateSettings({ mode })}
        onImport={model.importBypass}
        onPlan={requests.planImport}
      />
      <ContainersPanel regions={state.regions} load={requests.containers} save={requests.setContainer} />
      <SettingsForm settings={state.settings} onChange={model.updateSettings} />
      <ServiceForm
        value={state.settings.accountServiceUrl}
        onSave={(accountServiceUrl) => model.updateSettings({ accountServiceUrl })}
      />
      <PrivacyPanel tokenKey={state.tokenKey} load={requests.privacyReport} />
    </main>
  );
}
