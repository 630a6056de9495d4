import browser from 'webextension-polyfill';
import type { PrivacySetting } from '../shared/view-state';
import type { PrivacyPort } from './ports';

/**
 * Browser privacy settings held while connected, handed back on disconnect: `disable_non_proxied_udp`
 * keeps WebRTC from revealing the real address; network prediction off stops speculative DNS and
 * connections the proxy never sees (both browsers).
 *
 * Another extension installed later wins over ours and `set` still resolves (docs/browser-facts.md,
 * "Settings held by another extension"): so each set is read back, and a setting we do not
 * control is an error the controller shows.
 */
const SETTINGS = {
  webRtc: () => browser.privacy.network.webRTCIPHandlingPolicy,
  prediction: () => browser.privacy.network.networkPredictionEnabled,
} as const;

const heldByOther = async (setting: PrivacySetting): Promise<boolean> =>
  (await SETTINGS[setting]().get({})).levelOfControl === 'controlled_by_other_extensions';

async function hold(setting: PrivacySetting, value: string | boolean | null): Promise<void> {
  // clear() hands the setting back, which restores whatever the user had before.
  if (value === null) return void (await SETTINGS[setting]().clear({}));
  await SETTINGS[setting]().set({ value });
  if (await heldByOther(setting)) throw new Error(`Another extension holds the ${setting} setting.`);
}

export const privacy: PrivacyPort = {
  protectWebRtc: (on) => hold('webRtc', on ? 'disable_non_proxied_udp' : null),
  stopPrediction: (on) => hold('prediction', on ? false : null),
  async heldByOthers() {
    const held = await Promise.all(
      (['webRtc', 'prediction'] as const).map(async (s) => [s, await heldByOther(s)] as const),
    );
    return held.filter(([, other]) => other).map(([s]) => s);
  },
  onChange(listener) {
    for (const setting of Object.values(SETTINGS)) setting().onChange.addListener(() => listener());
  },
};
