import { pbkdf2 } from 'node:crypto';
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

  it("a login burst leaves thread-pool room for others (the database client's SCRAM handshake)", async () => {
    const finished: string[] = [];
    const burst = Array.from({ length: 6 }, (_, i) =>
      hashPassword(`burst ${i}`).then(() => void finished.push(`hash ${i}`)),
    );
    // One pbkdf2 iteration, as pg's SCRAM does: it needs a pool thread, which the hashes must not all hold.
    await new Promise<void>((resolve, reject) =>
      pbkdf2('password', 'salt', 1, 32, 'sha256', (error) => (error ? reject(error) : resolve())),
    );
    finished.push('handshake');
    await Promise.all(burst);
    expect(finished[0]).toBe('handshake');
  });
});
