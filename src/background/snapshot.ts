/**
 * The pages' first paint: the last announced ViewState, kept in memory-only storage.session
 * under `view`, which the popup and the options page read directly (src/ui/first-state.ts)
 * instead of waiting for the background to wake and answer. The bypass list is kept apart, under
 * `bypassView`, as one JSON text written only when the list changed: the popup never shows it,
 * and the browser reads a single string in a few ms where 10,000 stored objects take over 100 ms
 * (bench: options). No secret is in a ViewState.
 */
import type { StoragePort } from '../platform/ports';
import type { BypassEntry, ViewState } from '../shared/view-state';

export const SNAPSHOT_KEY = 'view';
export const BYPASS_SNAPSHOT_KEY = 'bypassView';

export function snapshotOf(view: ViewState): ViewState {
  return { ...view, bypass: [] };
}

/** What to write for `view`; `saved` is the bypass list written last (the background keeps its identity until it changes). */
export function snapshotWrites(view: ViewState, saved: readonly BypassEntry[] | null): Record<string, unknown> {
  const writes: Record<string, unknown> = { [SNAPSHOT_KEY]: snapshotOf(view) };
  if (view.bypass !== saved) writes[BYPASS_SNAPSHOT_KEY] = JSON.stringify(view.bypass);
  return writes;
}

/** Best effort: a failed write only means the next page waits for the background, as before. */
export function createSnapshotWriter(storage: StoragePort): (view: ViewState) => Promise<void> {
  let saved: readonly BypassEntry[] | null = null;
  return (view) =>
    storage.setSession(snapshotWrites(view, saved)).then(
      () => void (saved = view.bypass),
      () => undefined,
    );
}
