import browser from 'webextension-polyfill';
import type { ContainersPort } from './ports';

interface Identity {
  cookieStoreId: string;
  name: string;
  colorCode: string;
}
type WithIdentities = { contextualIdentities?: { query(details: object): Promise<Identity[]> } };

/** Firefox's containers; feature-detected, since Chromium has no contextualIdentities. */
export const containers: ContainersPort = {
  async list() {
    const api = (browser as unknown as WithIdentities).contextualIdentities;
    if (!api) return null;
    // Rejects when the user switched containers off (privacy.userContext.enabled): none to list.
    const all = await api.query({}).catch(() => null);
    return all?.map(({ cookieStoreId, name, colorCode }) => ({ cookieStoreId, name, colorCode })) ?? null;
  },
};
