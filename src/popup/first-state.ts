/**
 * What the popup paints first: the background's last snapshot from storage.session
 * (src/background/snapshot.ts), read without waking the background; live updates follow.
 * Without a snapshot (the background has not run since the browser started) it asks the
 * background and waits, as before.
 */
import type { Client } from '../ui/client';
import { ext } from '../ui/ext';
import { INITIAL_VIEW_STATE, type ViewState } from '../shared/view-state';

async function readSnapshot(): Promise<ViewState | null> {
  try {
    const { view } = await ext!.storage.session.get('view');
    const state = view as ViewState | undefined;
    return state && typeof state.status === 'string' && Array.isArray(state.regions) ? state : null;
  } catch {
    return null;
  }
}

export async function askState(client: Client): Promise<ViewState> {
  const answer = await client.send('getState', undefined);
  return answer.ok ? answer.value : { ...INITIAL_VIEW_STATE, error: answer.error };
}

/** The state to paint now, and whether it came from the snapshot (then a live one is due). */
export async function firstState(client: Client): Promise<{ state: ViewState; fromSnapshot: boolean }> {
  const snapshot = await readSnapshot();
  return snapshot ? { state: snapshot, fromSnapshot: true } : { state: await askState(client), fromSnapshot: false };
}
