import browser from 'webextension-polyfill';
import type { PrivacyPort } from './types';

/**
 * Browser privacy settings held while connected, handed back on disconnect: `disable_non_proxied_udp`
 * keeps WebRTC from revealing the real address; network prediction off stops speculative DNS and
 * connections the proxy never sees (both browsers).
 */
export const privacy: PrivacyPort = {
  async protectWebRtc(on) {
    const setting = browser.privacy.network.webRTCIPHandlingPolicy;
    // clear() hands the setting back, which restores whatever the user had before.
    if (on) await setting.set({ value: 'disable_non_proxied_udp' });
    else await setting.clear({});
  },
  async stopPrediction(on) {
    const setting = browser.privacy.network.networkPredictionEnabled;
    if (on) await setting.set({ value: false });
    else await setting.clear({});
  },
};
