/**
 * The account service: a fastify app on 127.0.0.1 with request logging off (logger: false) and
 * `Cache-Control: no-store` on every answer (tokens and credentials must not sit in caches).
 */
import Fastify from 'fastify';
import type { Region } from '../../src/shared/types.ts';
import type { CredentialAuthority } from '../credentials.ts';
import type { AccountContext } from './context.ts';
import { installExtensionCors } from './cors.ts';
import { installErrorHandling } from './errors.ts';
import type { PasswordHasher } from './passwords.ts';
import { DEFAULT_LOGIN_RATE_LIMIT, rateLimitKeyFrom } from './rate-limit.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import { accountRoutes } from './routes-account.ts';
import { sessionRoutes } from './routes-sessions.ts';
import type { AccountStore } from './store.ts';

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
export const DEFAULT_CREDENTIAL_TTL_MS = 15 * 60_000;

export interface AccountServiceOptions {
  host: string;
  port: number;
  store: AccountStore;
  credentials: CredentialAuthority;
  passwords: PasswordHasher;
  regions: () => Region[];
  sessionTtlMs?: number;
  credentialTtlMs?: number;
  loginRateLimit?: RateLimitOptions;
  /**
   * Addresses or CIDR ranges of load balancers in front of this node. Only a request from one of
   * them has its client address taken from X-Forwarded-For (for the per-address login limit);
   * from anywhere else the header is ignored, so a client cannot pick its own address. Default: none.
   */
  trustProxy?: readonly string[];
  /** HMAC key of the rate-limit rows; default ZONE_RATE_LIMIT_KEY (required with PostgreSQL). */
  rateLimitKey?: string | Buffer;
}

export interface RunningAccountService {
  /** e.g. http://127.0.0.1:18100 (actual port). */
  url: string;
  close(): Promise<void>;
}

export async function startAccountService(options: AccountServiceOptions): Promise<RunningAccountService> {
  const ctx: AccountContext = {
    store: options.store,
    credentials: options.credentials,
    passwords: options.passwords,
    regions: options.regions,
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    credentialTtlMs: options.credentialTtlMs ?? DEFAULT_CREDENTIAL_TTL_MS,
    loginRateLimit: options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
    rateLimitKey: rateLimitKeyFrom(options.rateLimitKey, options.store.engine),
  };
  const trusted = options.trustProxy ?? [];
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 16 * 1024,
    trustProxy: trusted.length > 0 ? [...trusted] : false,
  });
  installErrorHandling(app);
  // Bodiless endpoints (logout, proxy-credentials) accept an empty body even when it is labelled JSON.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else parseJson(request, body.toString(), done);
  });
  installExtensionCors(app);
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  sessionRoutes(app, ctx);
  accountRoutes(app, ctx);

  await ctx.passwords.prepare();
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('Account service has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, close: () => app.close() };
}
