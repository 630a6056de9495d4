import { describe, expect, it } from 'vitest';
import { REGION_GONE, SERVERS_DOWN, transition, type Live } from './live-status';

const connecting: Live = { status: 'connecting', error: null };
const reconnecting: Live = { status: 'reconnecting', error: SERVERS_DOWN };
const down = { code: 'serviceDown', message: 'down' } as const;

describe('connection state machine', () => {
  it('Connect starts connecting, whatever came before', () => {
    expect(transition(null, { type: 'connect' }, false)).toEqual(connecting);
    expect(transition(reconnecting, { type: 'connect' }, true)).toEqual(connecting);
  });
  it('credentials ready: connected (derived from the switch)', () => {
    expect(transition(connecting, { type: 'ready' }, true)).toBeNull();
  });
  it('a failure while connecting is an error with its cause', () => {
    expect(transition(connecting, { type: 'failed', error: down }, false)).toEqual({ status: 'error', error: down });
  });
  it('unreachable servers while connected: reconnecting, and says why', () => {
    expect(transition(null, { type: 'proxyFailed' }, true)).toEqual(reconnecting);
  });
  it('a proxy failure while disconnected or connecting changes nothing', () => {
    expect(transition(null, { type: 'proxyFailed' }, false)).toBeNull();
    expect(transition(connecting, { type: 'proxyFailed' }, true)).toEqual(connecting);
  });
  it('traffic through the proxy again: back to connected', () => {
    expect(transition(reconnecting, { type: 'proxyWorks' }, true)).toBeNull();
  });
  it('Disconnect always ends in disconnected', () => {
    expect(transition(reconnecting, { type: 'disconnect' }, true)).toBeNull();
  });
  it('the region vanished while connected: an error that says so', () => {
    expect(transition(null, { type: 'regionGone' }, true)).toEqual({ status: 'error', error: REGION_GONE });
    expect(transition(null, { type: 'regionGone' }, false)).toBeNull();
  });
});
