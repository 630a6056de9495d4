/**
 * Session secrets. The bearer token is shown to the client once and only its SHA-256 is stored;
 * the public id names the session everywhere else (proxy usernames, revocation) so the token
 * never leaves the login answer.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** 16 random bytes, base64url (22 characters); safe as a Basic-auth username (no colon). */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
