/**
 * CSRF protection without a cookie, so the session id is the only cookie the site sets. Every form
 * carries `_csrf`, an HMAC under a key derived from the rate-limit key (server/account/rate-limit.ts:
 * `ZONE_RATE_LIMIT_KEY`, the same on every node, or a random key per process for a single SQLite
 * node), so a form served by one node is accepted by any other:
 * - a logged-in form: HMAC over the SHA-256 of the session's secret, valid while that session lives
 *   and for no other session;
 * - a logged-out form (sign up, log in, approve, reset): `<time>.<HMAC over the time>`, valid for
 *   FORM_TTL_MS.
 * On top of the token, a POST whose `Sec-Fetch-Site` is not `same-origin`, or whose `Origin` is not
 * this site, is refused (the session cookie's SameSite=Strict already keeps it off cross-site posts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** A logged-out form works for two hours after it was served. */
export const FORM_TTL_MS = 2 * 60 * 60_000;

export class CsrfError extends Error {
  readonly statusCode = 403;
  constructor() {
    super('CSRF check failed');
  }
}

export class CsrfTokens {
  readonly #key: Buffer;

  constructor(rateLimitKey: Buffer) {
    this.#key = createHmac('sha256', rateLimitKey).update('zone site csrf v1').digest();
  }

  #mac(data: string): string {
    return createHmac('sha256', this.#key).update(data, 'utf8').digest('base64url');
  }

  /** The token of the forms shown to the holder of the session whose secret hashes to `tokenHash`. */
  forSession(tokenHash: string): string {
    return this.#mac(`session:${tokenHash}`);
  }

  /** The token of a logged-out form, served at `now`. */
  anonymous(now = Date.now()): string {
    return `${now}.${this.#mac(`anonymous:${now}`)}`;
  }

  verifySession(token: unknown, tokenHash: string): boolean {
    return typeof token === 'string' && same(token, this.forSession(tokenHash));
  }

  verifyAnonymous(token: unknown, now = Date.now()): boolean {
    if (typeof token !== 'string') return false;
    const match = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return false;
    const issued = Number(match[1]);
    if (!(issued <= now + 60_000 && now - issued < FORM_TTL_MS)) return false;
    return same(match[2]!, this.#mac(`anonymous:${issued}`));
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether the browser says the form came from this site: `Sec-Fetch-Site`, when sent, must be
 * `same-origin`; `Origin`, when sent, must be the site's public origin or the origin of the Host the
 * request was sent to. The site's `Referrer-Policy: no-referrer` makes browsers send `Origin: null`
 * on its own form posts, so `null` passes only when `Sec-Fetch-Site: same-origin` vouches for it.
 * Clients that send neither header (no current browser) rely on the token alone.
 */
export function fromSameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return site === 'same-origin';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(publicUrl).origin) return true;
  return parsed.host === request.headers.host && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** The `_csrf` field of a parsed form body, if any. */
export function formToken(request: FastifyRequest): unknown {
  const body = request.body;
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['_csrf'] : undefined;
}
