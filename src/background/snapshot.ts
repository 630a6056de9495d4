/**
 * The popup's first paint: the last announced ViewState, kept in memory-only storage.session
 * under `view`, which the popup reads directly (src/popup/first-state.ts) instead of waiting for
 * the background to wake and answer. The bypass list is left out: the popup never shows it, and a
 * 10,000-entry list would make every write slow. No secret is in a ViewState.
 */
import type { StoragePort } from '../platform/types';
import type { ViewState } from '../shared/view-state';

export const SNAPSHOT_KEY = 'view';

export function snapshotOf(view: ViewState): ViewState {
  return { ...view, bypass: [] };
}

/** Best effort: a failed write only means the next popup waits for the background, as before. */
export function saveSnapshot(storage: StoragePort, view: ViewState): Promise<void> {
  return storage.setSession({ [SNAPSHOT_KEY]: snapshotOf(view) }).catch(() => undefined);
}
