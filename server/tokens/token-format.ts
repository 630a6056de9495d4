/**
 * The wire format of Privacy Pass publicly verifiable tokens (RFC 9578, token type 0x0002, Blind
 * RSA 2048 with RSABSSA-SHA384-PSS-Deterministic, RFC 9474) as Zone VPN uses them, shared by the
 * issuer (account service) and the verifiers (reference proxy, Squid helper).
 *
 *   TokenRequest  = token_type(2) | truncated_token_key_id(1) | blinded_msg(256)       = 259 bytes
 *   Token         = token_type(2) | nonce(32) | challenge_digest(32) | token_key_id(32)
 *                   | authenticator(256)                                               = 354 bytes
 *
 * The challenge a token answers binds it to one epoch and one region and to nothing about the
 * user: TokenChallenge(0x0002, issuer_name, redemption_context = SHA-256("zone-vpn epoch:" + n),
 * origin_info = [regionId]). The extension builds the same challenge (src/core/token-challenge.ts).
 */
import { createHash } from 'node:crypto';
import { TokenChallenge } from '@cloudflare/privacypass-ts/lib/src/auth_scheme/private_token.js';

export const TOKEN_TYPE = 0x0002;
export const REQUEST_BYTES = 2 + 1 + 256;
export const TOKEN_BYTES = 2 + 32 + 32 + 32 + 256;
/** What the signature covers: everything before the authenticator. */
export const TOKEN_INPUT_BYTES = TOKEN_BYTES - 256;
export const TOKEN_TEXT_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3); // base64url without padding: 472
export const PSS_SALT_BYTES = 48;

export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The epoch number of a moment: epochs are fixed windows of `epochSeconds` since 1970. */
export function epochAt(nowMs: number, epochSeconds: number): number {
  return Math.floor(nowMs / 1000 / epochSeconds);
}

/** The serialized challenge a token for (epoch, region) answers; its SHA-256 is in the token. */
export function challengeBytes(issuerName: string, epoch: number, regionId: string): Uint8Array {
  const context = new Uint8Array(sha256(`zone-vpn epoch:${epoch}`));
  return new TokenChallenge(TOKEN_TYPE, issuerName, context, [regionId]).serialize();
}

export function challengeDigest(issuerName: string, epoch: number, regionId: string): Buffer {
  return sha256(challengeBytes(issuerName, epoch, regionId));
}

/**
 * How a key is shown to people: SHA-256 of the published key (its key id), first 16 bytes as
 * colon-separated hex pairs. The extension shows the same string (src/core/token-key.ts).
 */
export function keyFingerprint(published: Uint8Array): string {
  return (sha256(published).subarray(0, 16).toString('hex').match(/../g) ?? []).join(':');
}

/** The proxy username for a token: 16 hex digits of SHA-256 of its bytes (Squid caches per name). */
export function usernameFor(tokenBytes: Uint8Array): string {
  return sha256(tokenBytes).toString('hex').slice(0, 16);
}

export interface TokenParts {
  bytes: Buffer;
  challengeDigest: Buffer;
  keyId: Buffer;
  input: Buffer;
  authenticator: Buffer;
}

const BASE64URL_TOKEN = new RegExp(`^[A-Za-z0-9_-]{${TOKEN_TEXT_LENGTH}}$`);

/** Splits a token given as base64url text; null for anything that is not one (never throws). */
export function parseToken(text: string): TokenParts | null {
  if (text.length !== TOKEN_TEXT_LENGTH || !BASE64URL_TOKEN.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  // Only the canonical spelling: the last character's unused bits must be zero.
  if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== text) return null;
  if (bytes.readUInt16BE(0) !== TOKEN_TYPE) return null;
  return {
    bytes,
    challengeDigest: bytes.subarray(34, 66),
    keyId: bytes.subarray(66, 98),
    input: bytes.subarray(0, TOKEN_INPUT_BYTES),
    authenticator: bytes.subarray(TOKEN_INPUT_BYTES),
  };
}
