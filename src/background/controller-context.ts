/**
 * What the controller lends to the modules that handle one concern each (proxy challenges,
 * traffic status and toolbar, UI pages): its state and its few ways to change it, never the
 * platform wholesale. Every change still goes through `update` (storage first) and `serial`.
 * Each part names the members it uses (`StateAccess`, or a `Pick` of this), never the whole.
 */
import type { AccountApi } from '../core/account-api';
import type { ProxyMode } from '../core/routing';
import type { UserError } from '../shared/errors';
import type { ViewState } from '../shared/view-state';
import type { State } from './stored-state';

export interface ControllerContext {
  state(): Promise<State>;
  /** Writes a change to storage, then to the in-memory copy. */
  update(patch: Partial<State>): Promise<State>;
  /** The snapshot a UI would render now. */
  view(): Promise<ViewState>;
  /** Sends the new snapshot to every open UI and the toolbar icon. */
  announce(): Promise<ViewState>;
  /** Runs an operation after the previous one finished. */
  serial<T>(operation: () => Promise<T>): Promise<T>;
  /** Re-applies the proxy and WebRTC policy for a state. */
  applyProxy(state: State): Promise<void>;
  /** What the proxy setting must do for a state. */
  proxyMode(state: State): ProxyMode;
  /**
   * The account service refused this session's token: ends that session (failing closed when the
   * kill switch says so) if it is still the current one (a late answer about a session the user
   * left changes nothing).
   */
  sessionExpired(token: string, error: UserError): Promise<void>;
  api(): Promise<AccountApi>;
  now(): number;
}

/** The state and its few ways to change it: what every part of the controller starts from. */
export type StateAccess = Pick<ControllerContext, 'state' | 'update' | 'serial' | 'announce' | 'applyProxy'>;
