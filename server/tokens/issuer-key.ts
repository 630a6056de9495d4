/**
 * The issuer's RSA key. One key for every user (a per-user key would tag the user), kept in a PEM
 * file readable by its owner only, created on first start. The public half is published in the
 * directory as RFC 9578 wants it: an SPKI with the RSASSA-PSS algorithm identifier (SHA-384,
 * salt 48), whose SHA-256 is the key id every token carries.
 *
 * The private key is a plain `rsa` key, not `rsa-pss`: node:crypto does raw RSA (the blind signing
 * step, RSA_NO_PADDING) only with `rsa` keys, and it is ~700x faster than the library's pure-JS
 * bignums (docs/benchmarks.md).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { convertEncToRSASSAPSS } from '@cloudflare/privacypass-ts/lib/src/util.js';
import { sha256 } from './token-format.ts';

export interface IssuerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The SPKI as published (RSASSA-PSS identifier). */
  published: Buffer;
  /** SHA-256 of `published`: the token_key_id. */
  keyId: Buffer;
  /** Unix seconds from which the key may be used (the directory's not-before). */
  notBefore: number;
}

export function issuerKeyFromPem(pem: string, notBefore = 0): IssuerKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'rsa' || privateKey.asymmetricKeyDetails?.modulusLength !== 2048) {
    throw new Error('The token issuer key must be a 2048-bit RSA key (PEM)');
  }
  const publicKey = createPublicKey(privateKey);
  const published = publishedKey(publicKey);
  return { privateKey, publicKey, published, keyId: sha256(published), notBefore };
}

/** The RFC 9578 encoding of a public key (the directory's `token-key`, and what verifiers load). */
export function publishedKey(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return Buffer.from(convertEncToRSASSAPSS(new Uint8Array(spki)));
}

export function generateIssuerKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

/** Reads a key file that must exist (the next key of a rotation), with its not-before. */
export function readIssuerKey(file: string, notBefore: number): IssuerKey {
  return issuerKeyFromPem(readFileSync(file, 'utf8'), notBefore);
}

/** Reads the key file, or creates it (mode 0600) with a new key when it does not exist. */
export function loadOrCreateIssuerKey(file: string): IssuerKey {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generateIssuerKeyPem(), { mode: 0o600, flag: 'wx' });
  }
  return issuerKeyFromPem(readFileSync(file, 'utf8'));
}
