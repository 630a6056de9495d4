import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, rateLimitKeyFrom } from './rate-limit.ts';
import { AccountStore } from './store.ts';

describe('rate-limit key', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('comes from the option, else ZONE_RATE_LIMIT_KEY', () => {
    vi.stubEnv('ZONE_RATE_LIMIT_KEY', 'from-the-environment-0123');
    expect(rateLimitKeyFrom('from-the-option-0123456', 'postgres').toString()).toBe('from-the-option-0123456');
    expect(rateLimitKeyFrom(undefined, 'postgres').toString()).toBe('from-the-environment-0123');
  });

  it('is random per process for SQLite without one, and required for PostgreSQL', () => {
    vi.stubEnv('ZONE_RATE_LIMIT_KEY', '');
    expect(rateLimitKeyFrom(undefined, 'sqlite')).toHaveLength(32);
    expect(rateLimitKeyFrom(undefined, 'sqlite').equals(rateLimitKeyFrom(undefined, 'sqlite'))).toBe(false);
    expect(() => rateLimitKeyFrom(undefined, 'postgres')).toThrow(/set ZONE_RATE_LIMIT_KEY/);
  });

  it('refuses a short key', () => {
    expect(() => rateLimitKeyFrom('short', 'sqlite')).toThrow(/at least 16 characters/);
  });
});

describe('forgetting an email', () => {
  it('deletes the counters of every key that names the email, and only those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zone-rate-limit-'));
    const file = join(dir, 'accounts.db');
    const store = await AccountStore.open(file);
    try {
      const limiter = new RateLimiter(store, { max: 10, windowMs: 60_000 }, Buffer.from('forget-test-key-0123456789'));
      const rows = (): number => {
        const db = new Database(file, { readonly: true });
        try {
          return (db.prepare('SELECT count(*) AS n FROM login_attempts').get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      await limiter.hit(['email:gone@zone.test', 'addr:127.0.0.9']);
      await limiter.hit(['signup-email:gone@zone.test', 'reset-email:gone@zone.test', 'email:kept@zone.test']);
      expect(rows()).toBe(5);
      await limiter.forgetEmail('gone@zone.test');
      expect(rows()).toBe(2); // the address and the other email stay counted
      expect(await limiter.hit(['email:kept@zone.test'])).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
