/**
 * The token issuer: publishes its directory and blind-signs token requests. It sees only blinded
 * messages (random-looking 256-byte numbers): never a token, its epoch or its region, so nothing it
 * sees can be matched to what a proxy sees later (docs/security.md).
 *
 * Signing is raw RSA through node:crypto (RFC 9474 BlindSign: s = m^d mod n), followed by the
 * RFC's check that the signature verifies (s^e mod n == m), so a fault never hands out a value that
 * could leak the key.
 */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto';
import type { IssuerKey } from './issuer-key.ts';
import { REQUEST_BYTES, TOKEN_TYPE } from './token-format.ts';

/** At most the current key and the one announced next: more would let keys tag users. */
export const MAX_DIRECTORY_KEYS = 2;
export const DIRECTORY_PATH = '/.well-known/private-token-issuer-directory';
export const ISSUANCE_PATH = '/v1/tokens';

export interface IssuerDirectory {
  'issuer-request-uri': string;
  'token-keys': { 'token-type': number; 'token-key': string; 'not-before': number }[];
  /** Zone VPN's additions: what the extension needs to build the challenges proxies expect. */
  'zone-vpn': { 'issuer-name': string; 'epoch-seconds': number; 'server-time': number };
}

export interface TokenIssuerOptions {
  /** The challenge's issuer_name (the same for everyone). */
  name: string;
  epochSeconds: number;
  /** The current key first, then optionally the one announced for the next rotation. */
  keys: IssuerKey[];
}

export class IssuanceError extends Error {}

export class TokenIssuer {
  readonly name: string;
  readonly epochSeconds: number;
  readonly keys: readonly IssuerKey[];

  constructor(options: TokenIssuerOptions) {
    if (options.keys.length < 1 || options.keys.length > MAX_DIRECTORY_KEYS) {
      throw new Error(`The token issuer needs 1 or ${MAX_DIRECTORY_KEYS} keys`);
    }
    if (!Number.isInteger(options.epochSeconds) || options.epochSeconds < 10) {
      throw new Error('Token epochs must be whole seconds, at least 10');
    }
    if (!/^[A-Za-z0-9.-]{1,253}$/.test(options.name)) throw new Error('The issuer name must be a host-like name');
    // A token request names its key by the key id's last byte only (RFC 9578): two keys sharing it
    // could not be told apart, so a rotation's next key must differ there (generate another).
    const truncated = options.keys.map((key) => key.keyId[key.keyId.length - 1]);
    if (new Set(truncated).size !== truncated.length) {
      throw new Error('The next token key has the same truncated key id as the current one: generate another key');
    }
    this.name = options.name;
    this.epochSeconds = options.epochSeconds;
    this.keys = options.keys;
  }

  directory(nowMs: number): IssuerDirectory {
    return {
      'issuer-request-uri': ISSUANCE_PATH,
      'token-keys': this.keys.map((key) => ({
        'token-type': TOKEN_TYPE,
        'token-key': key.published.toString('base64url'),
        'not-before': key.notBefore,
      })),
      'zone-vpn': { 'issuer-name': this.name, 'epoch-seconds': this.epochSeconds, 'server-time': nowMs },
    };
  }

  /** The public keys as published, for the proxies (they need nothing else). */
  publishedKeys(): Buffer[] {
    return this.keys.map((key) => key.published);
  }

  /** Blind-signs one TokenRequest (base64url); throws IssuanceError for anything malformed. */
  sign(requestText: string): Buffer {
    const request = /^[A-Za-z0-9_-]+$/.test(requestText) ? Buffer.from(requestText, 'base64url') : Buffer.alloc(0);
    if (request.length !== REQUEST_BYTES || request.readUInt16BE(0) !== TOKEN_TYPE) {
      throw new IssuanceError('A token request is not a type 2 request of 259 bytes');
    }
    const truncatedId = request[2];
    const key = this.keys.find((k) => k.keyId[k.keyId.length - 1] === truncatedId);
    if (!key) throw new IssuanceError('A token request names a key this issuer does not have');
    const blinded = request.subarray(3);
    let signature: Buffer;
    try {
      signature = privateDecrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, blinded);
    } catch {
      throw new IssuanceError('A token request is not a number below the key modulus');
    }
    const check = publicEncrypt({ key: key.publicKey, padding: constants.RSA_NO_PADDING }, signature);
    if (!check.equals(blinded)) throw new Error('Blind signature self-check failed');
    return signature;
  }
}
