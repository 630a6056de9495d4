/**
 * Fixed-window attempt counter, in memory only (nothing about who tried is ever persisted).
 * Entries are forgotten when their window ends; a sweep at most once per window keeps the map
 * from growing under a spray of distinct keys.
 */
export interface RateLimitOptions {
  /** Attempts allowed per key and window. */
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitOptions = { max: 10, windowMs: 5 * 60_000 };

export class RateLimiter {
  readonly #options: RateLimitOptions;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  #nextSweep = 0;

  constructor(options: RateLimitOptions) {
    if (!(options.max >= 1 && options.windowMs >= 1)) throw new Error('Rate limit needs max >= 1 and windowMs >= 1');
    this.#options = options;
  }

  /**
   * Counts one attempt for each key. Returns 0 when all keys are within the limit, otherwise the
   * seconds until the most restrictive window ends (for Retry-After).
   */
  hit(keys: readonly string[], now = Date.now()): number {
    this.#sweep(now);
    let retryAfterMs = 0;
    for (const key of keys) {
      let window = this.#windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + this.#options.windowMs };
        this.#windows.set(key, window);
      }
      if (window.count < this.#options.max) window.count += 1;
      else retryAfterMs = Math.max(retryAfterMs, window.resetAt - now);
    }
    return retryAfterMs === 0 ? 0 : Math.max(1, Math.ceil(retryAfterMs / 1000));
  }

  #sweep(now: number): void {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + this.#options.windowMs;
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
