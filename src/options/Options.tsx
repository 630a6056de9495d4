import type { ViewModel } from '../ui/view-model';
import { t } from '../ui/i18n';
import { AccountPanel } from './AccountPanel';
import { BypassList } from './BypassList';
import { SettingsForm } from './SettingsForm';
import { ServiceForm } from './ServiceForm';

export function Options({ model }: { model: ViewModel }) {
  const state = model.state.value;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <AccountPanel
        email={state.email}
        pending={model.pending.value}
        onLogout={model.logout}
        loadAccount={model.accountInfo}
      />
      <BypassList
        entries={state.bypass}
        regions={state.regions}
        mode={state.settings.mode}
        onAdd={model.addBypass}
        onRemove={model.removeBypass}
        onMode={(mode) => model.updateSettings({ mode })}
        onImport={model.importBypass}
        onPlan={model.planImport}
      />
      <SettingsForm settings={state.settings} onChange={model.updateSettings} />
      <ServiceForm
        value={state.settings.accountServiceUrl}
        onSave={(accountServiceUrl) => model.updateSettings({ accountServiceUrl })}
      />
    </main>
  );
}
