import type { PrivacySetting } from '../shared/view-state';
import { t } from '../ui/i18n';

/** A privacy setting Zone VPN holds while connected could not be applied: the user is told which. */
export function PrivacyWarning({ notApplied }: { notApplied: PrivacySetting[] }) {
  if (notApplied.length === 0) return null;
  return (
    <div class="hint privacy-warning" role="alert">
      {notApplied.map((setting) => (
        <p key={setting}>{t(setting === 'webRtc' ? 'privacyNotApplied_webRtc' : 'privacyNotApplied_prediction')}</p>
      ))}
    </div>
  );
}
