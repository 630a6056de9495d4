import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialAuthority, credentialKeyFrom } from './credentials.ts';

describe('proxy credentials', () => {
  const authority = new CredentialAuthority(randomBytes(32));
  const now = 1_800_000_000_000;

  it('have the documented format and verify until they expire', () => {
    const c = authority.issue('AbC_-123', now + 60_000);
    expect(c.username).toBe('AbC_-123');
    expect(c.password).toMatch(/^1800000060000\.[A-Za-z0-9_-]{43}$/);
    expect(c.expiresAt).toBe(now + 60_000);
    expect(authority.verify(c.username, c.password, now)).toBe(true);
    expect(authority.verify(c.username, c.password, now + 60_000)).toBe(false);
  });

  it('refuse forged, tampered, swapped and malformed values', () => {
    const c = authority.issue('user1', now + 60_000);
    const other = new CredentialAuthority(randomBytes(32)).issue('user1', now + 60_000);
    expect(authority.verify('user1', other.password, now)).toBe(false);
    const [, mac] = c.password.split('.');
    expect(authority.verify('user1', `${now + 999_999}.${mac}`, now)).toBe(false);
    expect(authority.verify('user2', c.password, now)).toBe(false);
    for (const bad of ['', 'x', `${now + 60_000}.`, `${now + 60_000}.${mac}x`, `-1.${mac}`]) {
      expect(authority.verify('user1', bad, now)).toBe(false);
    }
    expect(authority.verify('user|1', c.password, now)).toBe(false);
  });

  it('are refused after revocation, until the revocation lapses', () => {
    const c = authority.issue('revoked1', now + 60_000);
    authority.revoke('revoked1', now + 30_000, now);
    expect(authority.verify(c.username, c.password, now + 1)).toBe(false);
    expect(authority.verify(c.username, c.password, now + 30_001)).toBe(true);
  });

  it('keys: given, from the environment, or random; short keys refused', () => {
    expect(credentialKeyFrom('0123456789abcdef').toString()).toBe('0123456789abcdef');
    expect(() => credentialKeyFrom('short')).toThrow(/16 bytes/);
    const saved = process.env['ZONE_CREDENTIAL_KEY'];
    try {
      process.env['ZONE_CREDENTIAL_KEY'] = 'from-the-environment';
      expect(credentialKeyFrom(undefined).toString()).toBe('from-the-environment');
      delete process.env['ZONE_CREDENTIAL_KEY'];
      const a = credentialKeyFrom(undefined);
      expect(a).toHaveLength(32);
      expect(a.equals(credentialKeyFrom(undefined))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['ZONE_CREDENTIAL_KEY'];
      else process.env['ZONE_CREDENTIAL_KEY'] = saved;
    }
  });
});

describe('credential spelling', () => {
  it('only the exact password text is accepted, not another spelling of the same MAC', () => {
    const authority = new CredentialAuthority(Buffer.alloc(32, 7));
    const { username, password } = authority.issue('public-id-1', Date.now() + 60_000);
    const last = password.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const c of alphabet) {
      if (c === last) continue;
      expect(authority.verify(username, password.slice(0, -1) + c)).toBe(false);
    }
    expect(authority.verify(username, password)).toBe(true);
  });
});
