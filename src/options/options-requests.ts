/**
 * Requests only the options page makes, none of which change the state: kept out of the shared
 * view model (ui/view-model.ts), which the popup loads too and must stay small (bench: bundle).
 */
import type { ContainerChoice } from '../shared/containers';
import type { Client } from '../ui/client';

export function createOptionsRequests(client: Client) {
  return {
    /** The background plans an import (it has the rule parser): the preview, nothing changed. */
    planImport: async (text: string) => {
      const answer = await client.send('planImport', { text });
      return answer.ok ? answer.value : null;
    },
    /** Account details are not state: asked for when the options page shows them, never stored. */
    accountInfo: () => client.send('accountInfo', undefined),
    /** Storage keys with sizes and the hosts contacted: asked for when the user opens the privacy panel. */
    privacyReport: () => client.send('privacyReport', undefined),
    /** Firefox's containers and the way out chosen for each (none on Chromium). */
    containers: () => client.send('containers', undefined),
    setContainer: (cookieStoreId: string, choice: ContainerChoice | null) =>
      client.send('setContainer', { cookieStoreId, choice }),
  };
}

export type OptionsRequests = ReturnType<typeof createOptionsRequests>;
