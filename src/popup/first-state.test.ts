import { describe, expect, it } from 'vitest';
import { VIEW_STATES } from '../../test/fixtures/view-states';
import { createFakeClient } from '../ui/fake-client';

// ui/ext.ts reads the runtime once, when it loads: the fake storage goes in first.
const sessionArea: Record<string, unknown> = {};
(globalThis as { chrome?: unknown }).chrome = {
  i18n: { getMessage: () => '' },
  storage: { session: { get: async (key: string) => (key in sessionArea ? { [key]: sessionArea[key] } : {}) } },
};
const { firstState } = await import('./first-state');

describe('the popup first state', () => {
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
});
