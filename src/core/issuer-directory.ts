/**
 * The provider's token issuer as the extension trusts it: its directory (RFC 9578 section 4,
 * docs/api.md), checked before anything uses it. A directory may list at most two keys (the
 * current one and the one announced for the next rotation): a provider that served a key per user
 * could tell users apart by the key their tokens carry, so more is refused. Once the extension has
 * taken a directory, a later one must share a key with it (a rotation is announced ahead); a
 * directory with only unknown keys is refused as well.
 */
import { base64url } from 'rfc4648';
import * as v from 'valibot';
import { UserError } from '../shared/errors';

export const MAX_ISSUER_KEYS = 2;

/** The issuer as the background keeps it (session storage, with the tokens). */
export interface IssuerInfo {
  name: string;
  epochSeconds: number;
  /** Server clock minus ours when the directory arrived: epochs follow the provider's clock. */
  clockOffsetMs: number;
  /** Published keys, base64url, in the directory's order, with their not-before (Unix seconds). */
  keys: { key: string; notBefore: number }[];
}

const KEY_TEXT = /^[A-Za-z0-9_-]{300,800}$/; // a 2048-bit RSASSA-PSS SPKI is 342+ bytes

export const DirectoryAnswer = v.object({
  'issuer-request-uri': v.string(),
  'token-keys': v.array(
    v.object({
      'token-type': v.number(),
      'token-key': v.pipe(v.string(), v.maxLength(4096)),
      'not-before': v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
    }),
  ),
  'zone-vpn': v.object({
    'issuer-name': v.pipe(v.string(), v.regex(/^[A-Za-z0-9.-]{1,253}$/)),
    'epoch-seconds': v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(7 * 24 * 3600)),
    'server-time': v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
});

function untrusted(why: string): UserError {
  return new UserError('badIssuer', `The provider's token issuer sent something Zone VPN does not trust: ${why}.`);
}

/** The directory as the extension will use it, or a `badIssuer` error saying what is wrong. */
export function issuerFromDirectory(answer: v.InferOutput<typeof DirectoryAnswer>, receivedAtMs: number): IssuerInfo {
  const keys = answer['token-keys'];
  if (answer['issuer-request-uri'] !== '/v1/tokens') throw untrusted('an unexpected issuance address');
  if (keys.length === 0) throw untrusted('no token key');
  if (keys.length > MAX_ISSUER_KEYS) throw untrusted(`${keys.length} token keys, where one or two are expected`);
  for (const key of keys) {
    if (key['token-type'] !== 2) throw untrusted(`a key of token type ${key['token-type']}`);
    if (!KEY_TEXT.test(key['token-key'])) throw untrusted('a token key that is not a 2048-bit RSA key');
  }
  if (new Set(keys.map((key) => key['token-key'])).size !== keys.length) throw untrusted('the same key twice');
  const zone = answer['zone-vpn'];
  return {
    name: zone['issuer-name'],
    epochSeconds: zone['epoch-seconds'],
    clockOffsetMs: zone['server-time'] - receivedAtMs,
    keys: keys.map((key) => ({ key: key['token-key'], notBefore: key['not-before'] })),
  };
}

/**
 * The issuer to use from now on, given the one already taken (if any): the new directory must keep
 * the name and epoch length and share at least one key, else it is refused.
 */
export function acceptIssuer(previous: IssuerInfo | null, next: IssuerInfo): IssuerInfo {
  if (!previous) return next;
  if (previous.name !== next.name || previous.epochSeconds !== next.epochSeconds) {
    throw untrusted('a directory that changed its name or epoch length');
  }
  const known = new Set(previous.keys.map((key) => key.key));
  if (!next.keys.some((key) => known.has(key.key))) throw untrusted('a new token key that was never announced');
  return next;
}

/** The key tokens are minted with: the newest whose not-before has passed on the server's clock. */
export function signingKey(issuer: IssuerInfo, nowMs: number): string {
  const serverSeconds = (nowMs + issuer.clockOffsetMs) / 1000;
  const usable = issuer.keys.filter((key) => key.notBefore <= serverSeconds);
  const newest = usable.sort((a, b) => b.notBefore - a.notBefore)[0] ?? issuer.keys[0];
  if (!newest) throw untrusted('no token key');
  return newest.key;
}

/** The epoch (on the server's clock) a moment falls in. */
export function epochOf(issuer: IssuerInfo, nowMs: number): number {
  return Math.floor((nowMs + issuer.clockOffsetMs) / 1000 / issuer.epochSeconds);
}

/**
 * How a key is shown to the user: SHA-256 of the published key (its key id), first 16 bytes as
 * colon-separated hex pairs; server/tokens/token-format.ts prints the same for the operator.
 */
export async function keyFingerprint(key: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new Uint8Array(base64url.parse(key, { loose: true }))),
  );
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(':');
}
