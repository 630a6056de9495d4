/**
 * Deletes what has expired even when nobody comes back for it: unapproved accounts whose approval
 * link expired (with the links), expired password-reset links, and expired sessions. Every node sweeps every SWEEP_MS; the
 * deletes are idempotent, so nodes sweeping together do no harm.
 */
import type { FastifyInstance } from 'fastify';
import type { AccountStore } from '../account/store.ts';

export const SWEEP_MS = 10 * 60_000;

export async function sweepExpired(store: AccountStore, now = Date.now()): Promise<void> {
  await store.deleteExpiredApprovals(now);
  await store.deleteExpiredResets(now);
  await store.deleteExpiredSessions(now);
}

export function installSweep(app: FastifyInstance, store: AccountStore): void {
  const run = (): void => {
    // A failed sweep (database briefly away) is retried at the next one; nothing to report.
    sweepExpired(store).catch(() => undefined);
  };
  const timer = setInterval(run, SWEEP_MS);
  timer.unref();
  app.addHook('onReady', async () => run());
  app.addHook('onClose', async () => clearInterval(timer));
}
