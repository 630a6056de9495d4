import { describe, expect, it } from 'vitest';
import { VIEW_STATES } from '../../test/fixtures/view-states';
import { createFakeClient } from './fake-client';

// ui/ext.ts reads the runtime once, when it loads: the fake storage goes in first.
const sessionArea: Record<string, unknown> = {};
(globalThis as { chrome?: unknown }).chrome = {
  i18n: { getMessage: () => '' },
  storage: {
    session: {
      get: async (keys: string[]) =>
        Object.fromEntries(keys.filter((k) => k in sessionArea).map((k) => [k, sessionArea[k]])),
    },
  },
};
const { firstState } = await import('./first-state');

describe('the first state of a page', () => {
  it('comes from the snapshot in storage.session, without asking the background', async () => {
    sessionArea.view = VIEW_STATES.connected;
    const client = createFakeClient(VIEW_STATES.disconnected);
    const first = await firstState(client);
    expect(first).toEqual({ state: VIEW_STATES.connected, fromSnapshot: true });
    expect(client.sent).toEqual([]);
  });

  it('without a snapshot, or with a malformed one, waits for the background as before', async () => {
    for (const stored of [undefined, { status: 1 }]) {
      sessionArea.view = stored;
      const client = createFakeClient(VIEW_STATES.disconnected);
      const first = await firstState(client);
      expect(first).toEqual({ state: VIEW_STATES.disconnected, fromSnapshot: false });
      expect(client.sent.map((s) => s.name)).toEqual(['getState']);
    }
  });

  it('the options page gets the bypass list from its snapshot, one JSON text', async () => {
    const bypass = [{ pattern: 'bank.test' }, { pattern: 'mail.test', regionId: 'de-fra' }];
    sessionArea.view = { ...VIEW_STATES.connected, bypass: [] };
    sessionArea.bypassView = JSON.stringify(bypass);
    const client = createFakeClient(VIEW_STATES.disconnected);
    const first = await firstState(client, true);
    expect(first).toEqual({ state: { ...VIEW_STATES.connected, bypass }, fromSnapshot: true });
    expect(client.sent).toEqual([]);
  });

  it('the options page waits for the background when the bypass snapshot is missing or malformed', async () => {
    sessionArea.view = VIEW_STATES.connected;
    for (const stored of [undefined, '{"not":"a list"}', 'not json']) {
      sessionArea.bypassView = stored;
      const client = createFakeClient(VIEW_STATES.disconnected);
      expect(await firstState(client, true)).toEqual({ state: VIEW_STATES.disconnected, fromSnapshot: false });
    }
  });
});
