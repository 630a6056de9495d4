import { afterEach, describe, expect, it, vi } from 'vitest';
import { rateLimitKeyFrom } from './rate-limit.ts';

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
