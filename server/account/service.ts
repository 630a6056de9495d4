/**
 * The account service: a fastify app on 127.0.0.1 with request logging off (logger: false) and
 * `Cache-Control: no-store` on every answer (session tokens and signatures must not sit in caches).
 */
import Fastify from 'fastify';
import type { Region } from '../../src/shared/provider-types.ts';
import type { TokenIssuer } from '../tokens/issuer.ts';
import { storeIssuanceCounter } from './issuance-counter.ts';
import type { IssuanceCounter } from './issuance-counter.ts';
import type { AccountContext } from './context.ts';
import { installExtensionCors } from './cors.ts';
import type { EgressCountries } from './connection-check.ts';
import { installErrorHandling } from './errors.ts';
import type { PasswordHasher } from './passwords.ts';
import { DEFAULT_LOGIN_RATE_LIMIT, rateLimitKeyFrom } from './rate-limit.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import { accountRoutes } from './routes-account.ts';
import { sessionRoutes } from './routes-sessions.ts';
import { tokenRoutes } from './routes-tokens.ts';
import type { AccountStore } from './store.ts';
import type { Mailer } from '../mail/mailer.ts';
import { siteCookies } from '../site/cookies.ts';
import { DEFAULT_CONTACT_EMAIL } from '../site/context.ts';
import { CsrfTokens } from '../site/csrf.ts';
import { SiteGuard } from '../site/guard.ts';
import { sitePlugin } from '../site/plugin.ts';
import { RateLimiter } from './rate-limit.ts';

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
/**
 * 128 batches of 4 per hour: each browser restart costs a batch or two (tokens live in memory
 * only), and a limit hit locks the user out until the epoch ends, so the limit is generous; it
 * still stops an account from minting tokens for a crowd.
 */
export const DEFAULT_TOKENS_PER_EPOCH = 512;

export interface AccountServiceOptions {
  host: string;
  port: number;
  store: AccountStore;
  issuer: TokenIssuer;
  /** Default: the counts in the store (shared by every node on the database). */
  issuance?: IssuanceCounter;
  tokensPerEpoch?: number;
  passwords: PasswordHasher;
  regions: () => Region[];
  sessionTtlMs?: number;
  loginRateLimit?: RateLimitOptions;
  /**
   * Addresses or CIDR ranges of load balancers in front of this node. Only a request from one of
   * them has its client address taken from X-Forwarded-For (for the per-address login limit);
   * from anywhere else the header is ignored, so a client cannot pick its own address. Default: none.
   */
  trustProxy?: readonly string[];
  /** HMAC key of the rate-limit rows; default ZONE_RATE_LIMIT_KEY (required with PostgreSQL). */
  rateLimitKey?: string | Buffer;
  /** Sends the site's mails (server/mail/mailer.ts); absent: site sign-up answers 503. */
  mailer?: Mailer;
  /**
   * The site's public base URL (links in mails; https there gives `__Host-` Secure cookies);
   * default this service's own http URL.
   */
  siteUrl?: string;
  /** The address on the site's contact page; default support@zone.test. */
  contactEmail?: string;
  /** Announced in GET /v1/regions: the HTTPS connection check (server/account/connection-check.ts). */
  connectionCheckUrl?: () => string | undefined;
  /** Egress address -> country, for this service's own GET /v1/connection-check. */
  egressCountries?: EgressCountries;
}

export interface RunningAccountService {
  /** e.g. http://127.0.0.1:18100 (actual port). */
  url: string;
  close(): Promise<void>;
}

export async function startAccountService(options: AccountServiceOptions): Promise<RunningAccountService> {
  const ctx: AccountContext = {
    store: options.store,
    issuer: options.issuer,
    issuance: options.issuance ?? storeIssuanceCounter(options.store),
    tokensPerEpoch: options.tokensPerEpoch ?? DEFAULT_TOKENS_PER_EPOCH,
    passwords: options.passwords,
    regions: options.regions,
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
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
  // Bodiless endpoints (logout) accept an empty body even when it is labelled JSON.
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
  accountRoutes(app, ctx, {
    connectionCheckUrl: options.connectionCheckUrl ?? (() => undefined),
    egressCountries: options.egressCountries ?? {},
  });
  tokenRoutes(app, ctx);
  let ownUrl = '';
  const publicUrl = (): string => options.siteUrl ?? ownUrl;
  const cookies = siteCookies(options.siteUrl ?? 'http://127.0.0.1');
  await app.register(sitePlugin, {
    prefix: '/site',
    account: ctx,
    mailer: options.mailer,
    publicUrl,
    cookies,
    limiter: new RateLimiter(ctx.store, ctx.loginRateLimit, ctx.rateLimitKey),
    contactEmail: options.contactEmail ?? DEFAULT_CONTACT_EMAIL,
    guard: new SiteGuard(ctx.store, cookies, new CsrfTokens(ctx.rateLimitKey), publicUrl),
  });

  await ctx.passwords.prepare();
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('Account service has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ownUrl = `http://${host}:${address.port}`;
  return { url: ownUrl, close: () => app.close() };
}
