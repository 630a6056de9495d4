/** Signed-in endpoints (account, regions, proxy credentials) and the unauthenticated probes. */
import type { FastifyInstance } from 'fastify';
import { authenticate, unauthorized } from './auth.ts';
import type { AccountContext } from './context.ts';
import { ApiError } from './errors.ts';

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

  app.post('/v1/proxy-credentials', async (request) => {
    const now = Date.now();
    const session = await authenticate(ctx.store, request, now);
    const user = await ctx.store.getUser(session.user_id);
    if (!user) throw unauthorized();
    if (user.plan_expires_at !== null && user.plan_expires_at <= now) {
      throw new ApiError(403, 'plan_expired', 'The plan of this account has expired');
    }
    // Never valid past the session that asked for them.
    const expiresAt = Math.min(now + ctx.credentialTtlMs, session.expires_at);
    return ctx.credentials.issue(session.id, expiresAt);
  });

  app.get('/v1/connection-check', async (request) => {
    const address = request.socket.remoteAddress ?? '';
    return { ip: address.startsWith('::ffff:') ? address.slice(7) : address };
  });

  app.get('/healthz', async () => ({ ok: true }));
}
