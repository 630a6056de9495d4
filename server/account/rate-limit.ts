/**
 * Fixed-window login attempt counter in the account database, so that every account-service node
 * counts against one limit. A key ("email:…", "addr:…") is stored only as an HMAC under a secret
 * that is not in the database: a copy of the database does not tell which addresses or emails
 * tried to sign in. Rows of ended windows are deleted (a sweep at most once per window and node).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { AccountStore } from './store.ts';

export interface RateLimitOptions {
  /** Attempts allowed per key and window. */
  max: number;
  windowMs: number;
}

/**
 * The prefixes of the keys that name an email (login, sign-up, reset; the other keys name a client
 * address). When an account is deleted its email's counters go with it (`forgetEmail`).
 */
export const EMAIL_KEY_PREFIXES = ['email:', 'signup-email:', 'reset-email:'] as const;

export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitOptions = { max: 10, windowMs: 5 * 60_000 };

/**
 * The HMAC key of the rate-limit rows: `ZONE_RATE_LIMIT_KEY` (>= 16 characters), the same on every
 * node. Without it a random key per process, which only a single node can use: with PostgreSQL
 * (several nodes) it is required, since nodes with different keys would not share the limits.
 */
export function rateLimitKeyFrom(value: string | Buffer | undefined, engine: 'sqlite' | 'postgres'): Buffer {
  const key = value ?? process.env['ZONE_RATE_LIMIT_KEY'];
  if (key === undefined || key === '') {
    if (engine === 'postgres') {
      throw new Error(
        'With a PostgreSQL database set ZONE_RATE_LIMIT_KEY (>= 16 characters, the same on every account-service node)',
      );
    }
    return randomBytes(32);
  }
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (bytes.length < 16) throw new Error('The rate-limit key (ZONE_RATE_LIMIT_KEY) needs at least 16 characters');
  return bytes;
}

export class RateLimiter {
  readonly #store: AccountStore;
  readonly #options: RateLimitOptions;
  readonly #key: Buffer;
  #nextSweep = 0;

  constructor(store: AccountStore, options: RateLimitOptions, key: Buffer) {
    if (!(options.max >= 1 && options.windowMs >= 1)) throw new Error('Rate limit needs max >= 1 and windowMs >= 1');
    this.#store = store;
    this.#options = options;
    this.#key = key;
  }

  /**
   * Counts one attempt for each key. Resolves to 0 when all keys are within the limit, otherwise
   * the seconds until the most restrictive window ends (for Retry-After).
   */
  async hit(keys: readonly string[], now = Date.now()): Promise<number> {
    await this.#sweep(now);
    let retryAfterMs = 0;
    for (const key of keys) {
      const keyHash = this.#hash(key);
      const { count, resetAt } = await this.#store.countLoginAttempt(keyHash, this.#options.windowMs, now);
      if (count > this.#options.max) retryAfterMs = Math.max(retryAfterMs, resetAt - now);
    }
    return retryAfterMs === 0 ? 0 : Math.max(1, Math.ceil(retryAfterMs / 1000));
  }

  /** Deletes the counters of every key that names `email`, so nothing derived from it is left. */
  async forgetEmail(email: string): Promise<void> {
    await this.#store.deleteLoginAttempts(EMAIL_KEY_PREFIXES.map((prefix) => this.#hash(`${prefix}${email}`)));
  }

  #hash(key: string): string {
    return createHmac('sha256', this.#key).update(key, 'utf8').digest('hex');
  }

  async #sweep(now: number): Promise<void> {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + this.#options.windowMs;
    await this.#store.deleteExpiredLoginAttempts(now);
  }
}
