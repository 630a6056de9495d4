/** One signals model per page: the state snapshot from the background and the user's actions. */
import { computed, signal } from '@preact/signals-core';
import type { Input, RequestName } from '../shared/messages';
import type { Settings } from '../shared/settings-defaults';
import type { BypassEntry, ViewState } from '../shared/view-state';
import type { Client } from './client';
import { createRegionPrefsModel } from './region-prefs-model';

export function createViewModel(client: Client, initial: ViewState) {
  const state = signal(initial);
  const pending = signal(false);
  const busy = computed(() => pending.value || state.value.status === 'connecting');
  client.onState((next) => (state.value = next));

  /**
   * Sends one request; the answer becomes the state. Resolves to null on success, else the error
   * message: an invalid entry is the caller's to show beside its field, other errors are state.
   */
  async function ask<K extends RequestName>(name: K, input: Input<K>): Promise<string | null> {
    pending.value = true;
    const answer = await client.send(name, input);
    pending.value = false;
    if (answer.ok) {
      state.value = answer.value as ViewState;
      return null;
    }
    if (answer.error.code !== 'invalidInput') state.value = { ...state.value, error: answer.error };
    return answer.error.message;
  }

  const regionPrefs = createRegionPrefsModel(client);

  return {
    state,
    regionPrefs,
    pending,
    busy,
    login: (email: string, password: string) => ask('login', { email, password }),
    logout: () => ask('logout', undefined),
    /** Connect from the UI: the region also goes to the top of the picker's recently used. */
    connect: (regionId: string) => {
      void regionPrefs.used(regionId);
      return ask('connect', { regionId });
    },
    disconnect: () => ask('disconnect', undefined),
    /** The captive-portal pause the popup offers: 5 minutes, then protection resumes by itself. */
    pause: () => ask('pause', { seconds: 300 }),
    resume: () => ask('resume', undefined),
    // Optimistic: a switch shows its new position at once, and flips back if the change is refused.
    updateSettings: async (patch: Partial<Settings>) => {
      const before = state.value.settings;
      state.value = { ...state.value, settings: { ...before, ...patch } };
      const failure = await ask('updateSettings', patch);
      if (failure !== null) state.value = { ...state.value, settings: before };
      return failure;
    },
    setSiteBypass: (site: string, bypass: boolean) => ask('setSiteBypass', { site, bypass }),
    addBypass: (pattern: string, regionId?: string) => ask('addBypass', regionId ? { pattern, regionId } : { pattern }),
    removeBypass: (pattern: string) => ask('removeBypass', { pattern }),
    importBypass: (entries: BypassEntry[]) => ask('importBypass', { entries }),
    openOptions: () => client.openOptions(),
    /** What sites see (popup/SitesSee.tsx): its answer is shown where asked, not made state. */
    checkConnection: () => client.send('checkConnection', undefined),
  };
}

export type ViewModel = ReturnType<typeof createViewModel>;
