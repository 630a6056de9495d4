/** Signed-in endpoints (account, regions) and the unauthenticated probes. */
import type { FastifyInstance } from 'fastify';
import { authenticate, unauthorized } from './auth.ts';
import { connectionCheckRoute, type EgressCountries } from './connection-check.ts';
import type { AccountContext } from './context.ts';

export interface CheckOptions {
  /** The HTTPS connection check clients reach through their proxy, when the provider runs one. */
  connectionCheckUrl: () => string | undefined;
  egressCountries: EgressCountries;
}

export function accountRoutes(app: FastifyInstance, ctx: AccountContext, check: CheckOptions): void {
  app.get('/v1/account', async (request) => {
    const session = await authenticate(ctx.store, request);
    const user = await ctx.store.getUser(session.user_id);
    if (!user) throw unauthorized();
    return { email: user.email, plan: user.plan, planExpiresAt: user.plan_expires_at };
  });

  app.get('/v1/regions', async (request) => {
    await authenticate(ctx.store, request);
    const connectionCheckUrl = check.connectionCheckUrl();
    return { regions: ctx.regions(), ...(connectionCheckUrl ? { connectionCheckUrl } : {}) };
  });

  connectionCheckRoute(app, check.egressCountries);

  app.get('/healthz', async () => ({ ok: true }));
}
