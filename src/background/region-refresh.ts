/**
 * The region list, refreshed in the background at most hourly (the time lives in memory-only
 * session storage, so a browser start refreshes). A refresh keeps the connection: the region's new
 * servers apply at once; if the region vanished, traffic blocks (fail closed) and the user is told
 * to pick another.
 */
import { transition } from '../core/live-status';
import type { StoragePort } from '../platform/ports';
import { UserError } from '../shared/errors';
import type { AccountClients } from './account-clients';
import type { StateAccess } from './controller-context';

const MAX_AGE_MS = 60 * 60_000;

export interface RegionRefreshInputs extends StateAccess {
  clients: AccountClients;
  /** The service refused the session's token (session.ts). */
  sessionExpired(token: string, error: UserError): Promise<void>;
  storage: Pick<StoragePort, 'getSession' | 'setSession'>;
  now(): number;
}

export function createRegionRefresh(inputs: RegionRefreshInputs): () => Promise<void> {
  const { state, update, storage, now } = inputs;
  return async function refreshRegions(): Promise<void> {
    const checked = (await storage.getSession(['regionsCheckedAt'])).regionsCheckedAt;
    if (typeof checked === 'number' && now() - checked < MAX_AGE_MS) return;
    await storage.setSession({ regionsCheckedAt: now() });
    const s = await state();
    if (!s.session) return;
    let regions;
    try {
      regions = await (await inputs.clients.forSession(s)).regions(s.session.token);
    } catch (error) {
      if (error instanceof UserError && error.code === 'sessionExpired') {
        await inputs.sessionExpired(s.session.token, error);
      }
      return; // offline or failing: the cached list stays
    }
    await inputs.serial(async () => {
      const current = await state();
      const vanished = current.wantConnected && !regions.some((r) => r.id === current.regionId);
      const live = vanished ? transition(current.live, { type: 'regionGone' }, true) : current.live;
      const next = await update({ regions, live });
      if (next.wantConnected) await inputs.applyProxy(next);
    });
    await inputs.announce();
  };
}
