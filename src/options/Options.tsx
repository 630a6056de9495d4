import type { ViewModel } from '../ui/view-model';
import { t } from '../ui/i18n';
import { AccountPanel } from './AccountPanel';
import { ServiceForm } from './ServiceForm';

export function Options({ model }: { model: ViewModel }) {
  const state = model.state.value;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <AccountPanel email={state.email} pending={model.pending.value} onLogout={model.logout} />
      <ServiceForm
        value={state.settings.accountServiceUrl}
        error={state.error?.code === 'invalidInput' ? state.error.message : null}
        onSave={(accountServiceUrl) => model.updateSettings({ accountServiceUrl })}
      />
    </main>
  );
}
