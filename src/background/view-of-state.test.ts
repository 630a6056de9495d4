import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../shared/settings-defaults';
import type { State } from './stored-state';
import { viewOf } from './view-of-state';

const japan = { id: 'jp-tyo', name: 'Japan', country: 'JP', city: 'Tokyo', servers: [] };
const state = (wantConnected: boolean): State => ({
  session: { token: 't', email: 'a@b.test', origin: 'https://account.test' },
  regions: [japan],
  regionId: 'jp-tyo',
  wantConnected,
  bypass: [],
  settings: DEFAULT_SETTINGS,
  tokens: null,
  live: null,
  pausedUntil: null,
  containers: {},
});
const berlin = { zone: 'Europe/Berlin', offset: 60, language: 'de-DE' };

describe('the view state: what the browser gives away', () => {
  it('is pointed out while connected, from the browser locale the background reads', () => {
    const view = viewOf(state(true), 'ours', true, 0, [], berlin);
    expect(view.status).toBe('connected');
    expect(view.giveaway).toEqual({ kind: 'clock', zone: 'Europe/Berlin' });
  });

  it('is not worked out while not connected (nothing to give away then)', () => {
    expect(viewOf(state(false), 'ours', true, 0, [], berlin).giveaway).toBeUndefined();
  });
});
