import type { Settings } from '../shared/settings-defaults';
import { t, type MessageKey } from '../ui/i18n';

interface Props {
  settings: Settings;
  onChange(patch: Partial<Settings>): void;
}

type Toggle = 'killSwitch' | 'webrtcProtection' | 'bypassLocal' | 'autoConnect';
const TOGGLES: { key: Toggle; label: MessageKey; help: MessageKey }[] = [
  { key: 'killSwitch', label: 'killSwitch', help: 'killSwitchHelp' },
  { key: 'webrtcProtection', label: 'webrtcProtection', help: 'webrtcProtectionHelp' },
  { key: 'bypassLocal', label: 'bypassLocal', help: 'bypassLocalHelp' },
  { key: 'autoConnect', label: 'autoConnect', help: 'autoConnectHelp' },
];

export function SettingsForm({ settings, onChange }: Props) {
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings')}</h2>
      {TOGGLES.map(({ key, label, help }) => (
        <div class="toggle" key={key}>
          <label class="inline">
            <input
              type="checkbox"
              checked={settings[key]}
              onChange={(e) => onChange({ [key]: e.currentTarget.checked })}
            />
            {t(label)}
          </label>
          <p class="hint">{t(help)}</p>
        </div>
      ))}
    </section>
  );
}
