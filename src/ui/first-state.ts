/**
 * What a page paints first: the background's last snapshot from storage.session
 * (src/background/snapshot.ts), read without waking the background; live updates follow. The
 * options page also reads the bypass list's snapshot, one JSON text; the popup does not need it.
 * Without a snapshot (the background has not run since the browser started) it asks the
 * background and waits, as before.
 */
import type { Client } from './client';
import { ext } from './ext';
import { INITIAL_VIEW_STATE, type ViewState } from '../shared/view-state';

async function readSnapshot(withBypass: boolean): Promise<ViewState | null> {
  try {
    const { view, bypassView } = await ext!.storage.session.get(withBypass ? ['view', 'bypassView'] : ['view']);
    const state = view as ViewState | undefined;
    if (!state || typeof state.status !== 'string' || !Array.isArray(state.regions)) return null;
    if (!withBypass) return state;
    const bypass: unknown = typeof bypassView === 'string' ? JSON.parse(bypassView) : null;
    return Array.isArray(bypass) ? { ...state, bypass } : null;
  } catch {
    return null;
  }
}

export async function askState(client: Client): Promise<ViewState> {
  const answer = await client.send('getState', undefined);
  return answer.ok ? answer.value : { ...INITIAL_VIEW_STATE, error: answer.error };
}

/** The state to paint now, and whether it came from the snapshot (then a live one is due). */
export async function firstState(
  client: Client,
  withBypass = false,
): Promise<{ state: ViewState; fromSnapshot: boolean }> {
  const snapshot = await readSnapshot(withBypass);
  return snapshot ? { state: snapshot, fromSnapshot: true } : { state: await askState(client), fromSnapshot: false };
}
