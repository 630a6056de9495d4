import browser from 'webextension-polyfill';
import type { PrivacyPort } from './types';

/** `disable_non_proxied_udp` keeps WebRTC from revealing the real address (both browsers). */
export const privacy: PrivacyPort = {
  async protectWebRtc(on) {
    const setting = browser.privacy.network.webRTCIPHandlingPolicy;
    // clear() hands the setting back, which restores whatever the user had before.
    if (on) await setting.set({ value: 'disable_non_proxied_udp' });
    else await setting.clear({});
  },
};
