/**
 * The browser privacy settings held while connected (WebRTC policy, network prediction off) and
 * which of them could not be held. A setting that could not be applied is reported, not swallowed:
 * the popup tells the user (`notApplied`, read by the view). One that could not be handed back
 * stays protective until the next apply, which retries it.
 */
import type { PrivacyPort } from '../platform/ports';
import type { PrivacySetting } from '../shared/view-state';
import type { State } from './stored-state';

/** The privacy settings the user's state asks us to hold. */
export function wantedPrivacy(s: State): PrivacySetting[] {
  const connected = s.wantConnected && s.session !== null;
  if (!connected) return [];
  return s.settings.webrtcProtection ? ['webRtc', 'prediction'] : ['prediction'];
}

export function createPrivacySettings(privacy: PrivacyPort) {
  let notApplied: PrivacySetting[] = [];
  return {
    notApplied: (): PrivacySetting[] => notApplied,

    /** Holds what the state asks for and hands back the rest. */
    async apply(s: State): Promise<void> {
      const wanted = wantedPrivacy(s);
      const refused = (setting: PrivacySetting, on: boolean) => (): PrivacySetting[] => (on ? [setting] : []);
      const [webRtc, prediction] = [wanted.includes('webRtc'), wanted.includes('prediction')];
      notApplied = [
        ...(await privacy.protectWebRtc(webRtc).then(() => [], refused('webRtc', webRtc))),
        ...(await privacy.stopPrediction(prediction).then(() => [], refused('prediction', prediction))),
      ];
    },

    /**
     * A setting changed: another extension may have taken one we hold (its value wins, and the user
     * is told) or given it back (ours applies again by itself).
     */
    async recheck(s: State): Promise<void> {
      const wanted = wantedPrivacy(s);
      const held = await privacy.heldByOthers().catch(() => wanted);
      notApplied = wanted.filter((setting) => held.includes(setting));
    },
  };
}
