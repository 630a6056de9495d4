/**
 * Checks a proxy credential that is a token: the one check the reference proxy and the Squid
 * helper share. It needs only the issuer's public keys, its name and the epoch length: no
 * database, no secret, no call home. A credential passes when
 *   - the password is a canonical base64url type 2 token whose key id is one of the keys,
 *   - it answers the challenge of this region for the current or the previous epoch,
 *   - the username is 16 hex of SHA-256(token) (so Squid's per-username cache is per token),
 *   - the RSA-PSS signature (SHA-384, salt 48) over the token input verifies.
 * Verified tokens are remembered (in memory, bounded, positive answers only) until their epoch is
 * no longer accepted, so a new connection with a known token costs a map lookup. Nothing is logged.
 */
import { constants, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { challengeDigest, epochAt, parseToken, PSS_SALT_BYTES, sha256, usernameFor } from './token-format.ts';

export interface TokenVerifierOptions {
  /** Published keys (RFC 9578 SPKI bytes), as in the issuer directory. */
  keys: Uint8Array[];
  issuerName: string;
  epochSeconds: number;
  regionId: string;
  now?: () => number;
  /** Verified tokens kept in memory; default 10,000. */
  cacheSize?: number;
}

export type TokenVerifier = (username: string, password: string) => boolean;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const keys = new Map<string, KeyObject>();
  for (const published of options.keys) {
    keys.set(
      sha256(published).toString('hex'),
      createPublicKey({ key: Buffer.from(published), format: 'der', type: 'spki' }),
    );
  }
  const cacheSize = options.cacheSize ?? 10_000;
  /** token text -> its epoch and username. Map order is insertion order: oldest first. */
  const verified = new Map<string, { epoch: number; username: string }>();
  const digests = new Map<number, string>();
  const digestOf = (epoch: number): string => {
    let digest = digests.get(epoch);
    if (digest === undefined) {
      if (digests.size > 8) digests.clear();
      digest = challengeDigest(options.issuerName, epoch, options.regionId).toString('hex');
      digests.set(epoch, digest);
    }
    return digest;
  };

  return function verifyToken(username: string, password: string): boolean {
    try {
      const current = epochAt(now(), options.epochSeconds);
      const known = verified.get(password);
      if (known !== undefined) {
        if (known.epoch >= current - 1 && known.epoch <= current) return username === known.username;
        verified.delete(password);
        return false;
      }
      const token = parseToken(password);
      if (!token) return false;
      if (username !== usernameFor(token.bytes)) return false;
      const key = keys.get(token.keyId.toString('hex'));
      if (!key) return false;
      const digest = token.challengeDigest.toString('hex');
      const epoch = digest === digestOf(current) ? current : digest === digestOf(current - 1) ? current - 1 : null;
      if (epoch === null) return false;
      const ok = verify(
        'sha384',
        token.input,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_BYTES },
        token.authenticator,
      );
      if (!ok) return false;
      if (verified.size >= cacheSize) {
        const oldest = verified.keys().next();
        if (!oldest.done) verified.delete(oldest.value);
      }
      verified.set(password, { epoch, username });
      return true;
    } catch {
      return false; // whatever the input, an answer and never a crash
    }
  };
}
