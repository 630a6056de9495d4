/** One signals model per page: the state snapshot from the background and the user's actions. */
import { computed, signal } from '@preact/signals';
import type { Input, RequestName } from '../shared/messages';
import type { Settings } from '../shared/settings';
import type { ViewState } from '../shared/view-state';
import type { Client } from './client';

export function createViewModel(client: Client, initial: ViewState) {
  const state = signal(initial);
  const pending = signal(false);
  const busy = computed(() => pending.value || state.value.status === 'connecting');
  const dispose = client.onState((next) => (state.value = next));

  /** Sends one request; the answer (or its error) becomes the state. Resolves to whether it worked. */
  async function ask<K extends RequestName>(name: K, input: Input<K>): Promise<boolean> {
    pending.value = true;
    const answer = await client.send(name, input);
    pending.value = false;
    if (answer.ok) state.value = answer.value as ViewState;
    else state.value = { ...state.value, error: answer.error };
    return answer.ok;
  }

  return {
    state,
    pending,
    busy,
    dispose,
    login: (email: string, password: string) => ask('login', { email, password }),
    logout: () => ask('logout', undefined),
    connect: (regionId: string) => ask('connect', { regionId }),
    disconnect: () => ask('disconnect', undefined),
    updateSettings: (settings: Partial<Settings>) => ask('updateSettings', settings),
    openOptions: () => client.openOptions(),
  };
}

export type ViewModel = ReturnType<typeof createViewModel>;
