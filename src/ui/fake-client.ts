/**
 * A Client that needs no extension: it answers from a ViewState fixture and records what the UI
 * asked. Component tests and the screenshot page use it; the release build never imports it.
 */
import type { Answer, Input, Output, RequestName } from '../shared/messages';
import type { ViewState } from '../shared/view-state';
import type { Client } from './client';

type Responder = { [K in RequestName]?: (input: Input<K>, state: ViewState) => Answer<Output<K>> };

export interface FakeClient extends Client {
  sent: { name: RequestName | 'openOptions'; input: unknown }[];
  /** Pushes a snapshot to the UI, as the background's broadcast does. */
  push(state: ViewState): void;
}

export function createFakeClient(initial: ViewState, responders: Responder = {}): FakeClient {
  let state = initial;
  const listeners = new Set<(state: ViewState) => void>();
  const sent: FakeClient['sent'] = [];
  return {
    sent,
    push(next) {
      state = next;
      for (const listener of listeners) listener(next);
    },
    async send(name, input) {
      sent.push({ name, input });
      const respond = responders[name] as ((input: unknown, state: ViewState) => Answer<never>) | undefined;
      if (respond) return respond(input, state);
      if (name === 'siteStatus') return { ok: true, value: { site: null, bypassed: false } } as Answer<never>;
      return { ok: true, value: state } as Answer<never>;
    },
    onState(listener) {
      listeners.add(listener);
    },
    openOptions() {
      sent.push({ name: 'openOptions', input: undefined });
    },
    async currentTab() {
      return null;
    },
    reloadTab() {},
  };
}
