/**
 * Requests that serve the UI's pages beyond connecting (account details, list import/export …).
 * They get the controller's context rather than reaching into it, so they stay in their own file.
 */
import type { AccountApi } from '../core/account-api';
import type { Handlers } from '../shared/messages';
import type { ViewState } from '../shared/view-state';
import type { State } from './state';

export interface ControllerContext {
  state(): Promise<State>;
  /** Writes a change to storage, then to the in-memory copy. */
  update(patch: Partial<State>): Promise<State>;
  /** Sends the new snapshot to every open UI and the toolbar icon. */
  announce(): Promise<ViewState>;
  /** Runs an operation after the previous one finished. */
  serial<T>(operation: () => Promise<T>): Promise<T>;
  /** Re-applies the proxy and WebRTC policy for a state. */
  applyProxy(state: State): Promise<void>;
  api(): Promise<AccountApi>;
}

// Pick<Handlers, never> until a UI request lives here; add its name to the union.
export function createUiRequests(_context: ControllerContext): Pick<Handlers, never> {
  return {};
}
