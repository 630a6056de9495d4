/**
 * Short-lived proxy credentials that any proxy can verify without a database call.
 *
 *   username = the session's random public id (base64url, never the bearer token)
 *   password = `<expiresAtMs>.<base64url HMAC-SHA256(key, "<username>|<expiresAtMs>")>`
 *
 * The key is shared by the account service and the proxies (random per start unless configured).
 * Nothing is stored: a proxy only recomputes the MAC and checks the expiry. Logout adds the public
 * id to an in-memory revocation list until the longest credential it could have issued expires,
 * so proxies in the same process stop accepting it at once (remote proxies would wait for the TTL).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProxyCredentials } from '../src/shared/types.ts';

const USERNAME = /^[A-Za-z0-9_-]{1,64}$/;
const PASSWORD = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

/** The key from an option or ZONE_CREDENTIAL_KEY (at least 16 characters), else 32 random bytes. */
export function credentialKeyFrom(given: string | Buffer | undefined): Buffer {
  const value = given ?? process.env['ZONE_CREDENTIAL_KEY'];
  if (value === undefined || value === '') return randomBytes(32);
  const key = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  if (key.length < 16) throw new Error('The credential key must be at least 16 bytes long');
  return key;
}

export class CredentialAuthority {
  readonly #key: Buffer;
  /** public id -> epoch ms until which it stays revoked. In memory only. */
  readonly #revoked = new Map<string, number>();

  constructor(key: Buffer) {
    this.#key = key;
  }

  issue(username: string, expiresAt: number): ProxyCredentials {
    if (!USERNAME.test(username)) throw new Error('Proxy usernames are base64url public ids');
    const expires = Math.floor(expiresAt);
    return { username, password: `${expires}.${this.#mac(username, expires)}`, expiresAt: expires };
  }

  /** True only for a well-formed, unexpired, authentic and unrevoked pair. */
  verify(username: string, password: string, now = Date.now()): boolean {
    const match = PASSWORD.exec(password);
    if (!match || !USERNAME.test(username)) return false;
    const expiresAt = Number(match[1]);
    if (!(expiresAt > now)) return false;
    // Compare the base64url text itself: decoding first would accept a different last character
    // whose padding bits decode to the same MAC (one valid password, several spellings).
    const expected = Buffer.from(this.#mac(username, expiresAt), 'utf8');
    const given = Buffer.from(match[2] ?? '', 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const revokedUntil = this.#revoked.get(username);
    return revokedUntil === undefined || revokedUntil <= now;
  }

  /** Refuse credentials of this public id until `until` (epoch ms); forgotten afterwards. */
  revoke(username: string, until: number, now = Date.now()): void {
    for (const [id, expiry] of this.#revoked) if (expiry <= now) this.#revoked.delete(id);
    if (until > now) this.#revoked.set(username, until);
  }

  #mac(username: string, expiresAt: number): string {
    return createHmac('sha256', this.#key).update(`${username}|${expiresAt}`).digest('base64url');
  }
}
