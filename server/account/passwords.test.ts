import { describe, expect, it } from 'vitest';
import { PasswordHasher, hashPassword, verifyPassword } from './passwords.ts';

const cheap = new PasswordHasher({ N: 1024, r: 8, p: 1 });

describe('password hashes', () => {
  it('default to scrypt N=32768 r=8 p=1 and verify', async () => {
    const hash = await hashPassword('pässword');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('pässword', hash)).toBe(true);
  });

  it('use a random salt, normalize to NFC, and verify with the cost recorded in the hash', async () => {
    const [a, b] = await Promise.all([cheap.hash('pässword'), cheap.hash('pässword')]);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('pa\u0308ssword', a)).toBe(true);
    expect(await verifyPassword('password', a)).toBe(false);
  });

  it('malformed hashes never verify', async () => {
    const hash = await cheap.hash('x');
    for (const bad of ['', 'x', 'bcrypt$1$2$3$4$5', 'scrypt$0$8$1$AAAA$AAAA', hash.slice(0, -2)]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('refuse unsafe costs; the dummy check always fails', async () => {
    expect(() => new PasswordHasher({ N: 1000, r: 8, p: 1 })).toThrow(/power of two/);
    expect(await cheap.verifyAgainstDummy('anything')).toBe(false);
  });
});
