/**
 * The connection's live status as an explicit state machine. `null` means "derived from what the
 * user chose" (connected if switched on, else disconnected); the other states carry why.
 *
 *   disconnected --connect--> connecting --ready--> connected
 *   connecting --failed--> error            connected --proxyFailed--> reconnecting
 *   reconnecting --proxyWorks--> connected  any --disconnect--> disconnected
 *   connected --regionGone--> error
 *   connected|reconnecting --tokenProblem--> reconnecting (with why; a page through the proxy ends it)
 *
 * Events that make no sense in a state leave it unchanged (e.g. a late proxy failure after
 * Disconnect), so racing browser events cannot resurrect a stale status.
 */
import type { AnswerError } from '../shared/errors';
import type { Status } from '../shared/view-state';

export interface Live {
  status: Status;
  error: AnswerError | null;
}

export type ConnEvent =
  | { type: 'connect' }
  | { type: 'ready' }
  | { type: 'failed'; error: AnswerError }
  | { type: 'disconnect' }
  | { type: 'proxyFailed' }
  | { type: 'proxyWorks' }
  | { type: 'regionGone' }
  /** Our proxy refused a fresh token, or none could be had: blocked, with the reason. */
  | { type: 'tokenProblem'; error: AnswerError };

export const SERVERS_DOWN: AnswerError = {
  code: 'serversDown',
  message: "The region's servers cannot be reached right now. Pages fail instead of loading without the VPN.",
};
export const REGION_GONE: AnswerError = {
  code: 'unknownRegion',
  message: 'The region you were connected to is no longer offered. Your traffic is blocked until you pick another.',
};

/** The next live status; `connectedNow` says whether the user is switched on with a session. */
export function transition(live: Live | null, event: ConnEvent, connectedNow: boolean): Live | null {
  const status = live?.status ?? (connectedNow ? 'connected' : 'disconnected');
  switch (event.type) {
    case 'connect':
      return { status: 'connecting', error: null };
    case 'ready':
      return status === 'connecting' ? null : live;
    case 'failed':
      return status === 'connecting' ? { status: 'error', error: event.error } : live;
    case 'disconnect':
      return null;
    case 'proxyFailed':
      return status === 'connected' ? { status: 'reconnecting', error: SERVERS_DOWN } : live;
    case 'proxyWorks':
      return status === 'reconnecting' ? null : live;
    case 'tokenProblem':
      return status === 'connected' || status === 'reconnecting'
        ? { status: 'reconnecting', error: event.error }
        : live;
    case 'regionGone':
      return connectedNow ? { status: 'error', error: REGION_GONE } : live;
  }
}
