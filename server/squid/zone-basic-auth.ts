/**
 * Squid basic-auth helper for Zone VPN access tokens, checked offline with the issuer's public
 * keys (the same check as the reference proxies, server/tokens/verifier.ts: no database, no
 * secret, no network).
 *
 *   auth_param basic program /path/to/server/squid/zone-basic-auth DIRECTORY_FILE REGION_ID
 *
 * DIRECTORY_FILE is the account service's issuer directory saved as JSON (GET
 * /.well-known/private-token-issuer-directory): its keys, issuer name and epoch length; the
 * helper refuses to start without a usable one. REGION_ID is the region this Squid serves: tokens
 * for other regions are refused. Protocol (one line in, one line out, in order):
 *   "<user> <password>"             -> "OK" | "ERR message=..."   (auth_param ... concurrency=0)
 *   "<channel> <user> <password>"   -> "<channel> OK" | ...        (concurrency=N > 0)
 * Squid URL-encodes both fields (%XX, never '+'). Nothing is written but the answers: no
 * usernames, tokens or requests reach stdout, stderr or any file. Squid caches an OK per username
 * (= per token) for `credentialsttl`: keep it below the epoch length (docs/deploy.md).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { createTokenVerifier } from '../tokens/verifier.ts';
import type { TokenVerifier } from '../tokens/verifier.ts';

const REFUSED = 'ERR message="invalid or expired Zone VPN access token"';
const MALFORMED = 'ERR message="malformed helper request"';
const CHANNEL = /^\d+$/;

/** The answer to one request line (without the newline). Never throws. */
export function answer(line: string, verify: (username: string, password: string) => boolean): string {
  const fields = line.trim().split(' ');
  // Squid escapes spaces inside the fields, so a channel-ID request has exactly three fields and a
  // plain one exactly two (key_extras is not supported).
  const channel = fields.length >= 3 && CHANNEL.test(fields[0] ?? '') ? `${fields.shift()} ` : '';
  if (fields.length !== 2) return channel + MALFORMED;
  const [username, password] = fields.map(decode);
  if (username === undefined || password === undefined) return channel + MALFORMED;
  return channel + (verify(username, password) ? 'OK' : REFUSED);
}

function decode(field: string | undefined): string | undefined {
  try {
    return field === undefined ? undefined : decodeURIComponent(field);
  } catch {
    return undefined; // bad %-escape or not UTF-8
  }
}

const Directory = v.object({
  'token-keys': v.pipe(
    v.array(
      v.object({ 'token-type': v.literal(2), 'token-key': v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{100,1000}$/)) }),
    ),
    v.minLength(1),
    v.maxLength(2),
  ),
  'zone-vpn': v.object({
    'issuer-name': v.pipe(v.string(), v.minLength(1), v.maxLength(253)),
    'epoch-seconds': v.pipe(v.number(), v.integer(), v.minValue(10)),
  }),
});

/** The token check for REGION_ID from a saved issuer directory; throws a plain message when unusable. */
export function verifierFromDirectory(directoryFile: string | undefined, regionId: string | undefined): TokenVerifier {
  if (!directoryFile || !regionId) {
    throw new Error('zone-basic-auth: usage: zone-basic-auth DIRECTORY_FILE REGION_ID');
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(directoryFile, 'utf8'));
  } catch (error) {
    throw new Error(`zone-basic-auth: cannot read the issuer directory ${directoryFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = v.safeParse(Directory, json);
  if (!parsed.success)
    throw new Error(`zone-basic-auth: ${directoryFile} is not an issuer directory with 1 or 2 type 2 keys`);
  const directory = parsed.output;
  return createTokenVerifier({
    keys: directory['token-keys'].map((key) => Buffer.from(key['token-key'], 'base64url')),
    issuerName: directory['zone-vpn']['issuer-name'],
    epochSeconds: directory['zone-vpn']['epoch-seconds'],
    regionId,
  });
}

function main(): void {
  let verify: TokenVerifier;
  try {
    verify = verifierFromDirectory(process.argv[2], process.argv[3]);
  } catch (error) {
    // Goes to Squid's cache.log; says nothing about any request.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.on('error', () => process.exit(0)); // Squid went away
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => process.stdout.write(`${answer(line, verify)}\n`));
  lines.on('close', () => process.exit(0));
}

// Run only as a program (tests import answer() and verifierFromDirectory()).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
