/** The UI's one door to the background: typed requests, and the state snapshots it pushes. */
import type { Answer, BgEvent, Input, Output, RequestName } from '../shared/messages';
import type { ViewState } from '../shared/view-state';
import { ext } from './ext';

export interface Client {
  send<K extends RequestName>(name: K, input: Input<K>): Promise<Answer<Output<K>>>;
  /** Pages live as long as their listener: there is nothing to unsubscribe. */
  onState(listener: (state: ViewState) => void): void;
  openOptions(): void;
  /** The tab the popup is about: the active tab, or `?tab=ID` when a page opens the popup for a tab. */
  currentTab(): Promise<{ id: number; url: string } | null>;
  reloadTab(tabId: number): void;
}

export const runtimeClient: Client = {
  async send(name, input) {
    try {
      const answer = (await ext!.runtime.sendMessage({ name, input })) as Answer<never> | undefined;
      return answer ?? { ok: false, error: { code: 'internal', message: 'The background did not answer.' } };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: String(error) } };
    }
  },
  onState(listener) {
    const handler = (message: unknown) => {
      const event = message as BgEvent | undefined;
      if (event?.type === 'state') listener(event.state);
    };
    ext!.runtime.onMessage.addListener(handler);
  },
  openOptions() {
    void ext!.runtime.openOptionsPage();
  },
  async currentTab() {
    try {
      const forTab = Number(new URLSearchParams(location.search).get('tab'));
      const tab = forTab
        ? await ext!.tabs.get(forTab)
        : (await ext!.tabs.query({ active: true, currentWindow: true }))[0];
      return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : null;
    } catch {
      return null;
    }
  },
  reloadTab(tabId) {
    void ext!.tabs.reload(tabId);
  },
};
