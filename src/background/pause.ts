/**
 * The captive-portal pause (threats F17, T20). A hotel or café network that wants a sign-in page
 * makes the region's servers unreachable, and the kill switch then blocks everything, the sign-in
 * page too. Nothing here ever goes direct on its own (an attacker can fake a portal): the user
 * chooses a pause, sees it, and it ends by itself. The end time is written into the routing table,
 * so protection resumes at that time even if the background never runs again; the timer below only
 * tidies the state the UI shows. The time lives in memory-only session storage, like the live status.
 */
import { UserError } from '../shared/errors';
import type { Handlers } from '../shared/messages';
import type { ControllerContext, StateAccess } from './controller-context';

export const PAUSE_SECONDS = { min: 5, max: 3600 } as const;

export function createPause(ctx: StateAccess & Pick<ControllerContext, 'now'>) {
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(until: number | null): void {
    clearTimeout(timer);
    if (until !== null) timer = setTimeout(() => void expireIfDue(), Math.max(0, until - ctx.now()) + 50);
  }

  /**
   * Lifts a pause whose time is over (the proxy setting already protects; this updates the UI),
   * or sets the timer for one still running. Call it inside a serial operation.
   */
  async function liftIfOver(): Promise<void> {
    const { pausedUntil } = await ctx.state();
    if (pausedUntil === null) return;
    if (ctx.now() < pausedUntil) return schedule(pausedUntil);
    await ctx.applyProxy(await ctx.update({ pausedUntil: null }));
    await ctx.announce();
  }
  const expireIfDue = () => ctx.serial(liftIfOver);

  const handlers: Pick<Handlers, 'pause' | 'resume'> = {
    pause: (input) =>
      ctx.serial(async () => {
        const seconds = (input as { seconds?: unknown } | undefined)?.seconds;
        if (
          typeof seconds !== 'number' ||
          !Number.isInteger(seconds) ||
          seconds < PAUSE_SECONDS.min ||
          seconds > PAUSE_SECONDS.max
        ) {
          throw new UserError('invalidInput', 'A pause lasts between 5 seconds and one hour.');
        }
        const s = await ctx.state();
        if (!s.session || !s.wantConnected) {
          throw new UserError('invalidInput', 'Zone VPN is not connected, so there is nothing to pause.');
        }
        const pausedUntil = ctx.now() + seconds * 1000;
        await ctx.applyProxy(await ctx.update({ pausedUntil }));
        schedule(pausedUntil);
        return ctx.announce();
      }),

    resume: () =>
      ctx.serial(async () => {
        schedule(null);
        await ctx.applyProxy(await ctx.update({ pausedUntil: null }));
        return ctx.announce();
      }),
  };

  return { handlers, liftIfOver };
}
