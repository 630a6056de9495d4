/** Signed-in endpoints (account, regions) and the unauthenticated probes. */
import type { FastifyInstance } from 'fastify';
import { authenticate, unauthorized } from './auth.ts';
import type { AccountContext } from './context.ts';

export function accountRoutes(app: FastifyInstance, ctx: AccountContext): void {
  app.get('/v1/account', async (request) => {
    const session = await authenticate(ctx.store, request);
    const user = await ctx.store.getUser(session.user_id);
    if (!user) throw unauthorized();
    return { email: user.email, plan: user.plan, planExpiresAt: user.plan_expires_at };
  });

  app.get('/v1/regions', async (request) => {
    await authenticate(ctx.store, request);
    return { regions: ctx.regions() };
  });

  app.get('/v1/connection-check', async (request) => {
    const address = request.socket.remoteAddress ?? '';
    return { ip: address.startsWith('::ffff:') ? address.slice(7) : address };
  });

  app.get('/healthz', async () => ({ ok: true }));
}
