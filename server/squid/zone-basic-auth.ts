/**
 * Squid basic-auth helper for Zone VPN proxy credentials, checked offline with the shared key
 * (the same CredentialAuthority.verify as the reference proxies: no database, no network).
 *
 *   auth_param basic program /path/to/server/squid/zone-basic-auth [/path/to/key-file]
 *
 * Keys: one per non-empty line of the key file, else env ZONE_CREDENTIAL_KEY; without one the
 * helper refuses to start. Credentials pass if any key verifies them, so during a key rotation the
 * file holds the new key and the old one until the old credentials have expired (docs/deploy.md). Protocol (one line in, one line out, in order):
 *   "<user> <password>"             -> "OK" | "ERR message=..."   (auth_param ... concurrency=0)
 *   "<channel> <user> <password>"   -> "<channel> OK" | ...        (concurrency=N > 0)
 * Squid URL-encodes both fields (%XX, never '+'). Nothing is written but the answers: no
 * usernames, passwords or requests reach stdout, stderr or any file. Logout revocation is
 * in-memory in the account service, so it does not reach Squid: credentials stay valid for at most
 * their TTL (docs/deploy.md).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { CredentialAuthority, credentialKeyFrom } from '../credentials.ts';

const REFUSED = 'ERR message="invalid or expired Zone VPN credentials"';
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

/** The keys from the file argument (one per line), else ZONE_CREDENTIAL_KEY; throws when there is none. */
export function loadKeys(keyFile: string | undefined, env: NodeJS.ProcessEnv = process.env): Buffer[] {
  const texts = keyFile
    ? readFileSync(keyFile, 'utf8')
        .split('\n')
        .map((line) => line.replace(/\r$/, ''))
        .filter((line) => line !== '')
    : [env['ZONE_CREDENTIAL_KEY'] ?? ''].filter((key) => key !== '');
  if (texts.length === 0) {
    throw new Error('zone-basic-auth: no key (give a key file path or set ZONE_CREDENTIAL_KEY)');
  }
  return texts.map((text) => credentialKeyFrom(text)); // also refuses keys shorter than 16 bytes
}

function main(): void {
  let authorities: CredentialAuthority[];
  try {
    authorities = loadKeys(process.argv[2]).map((key) => new CredentialAuthority(key));
  } catch (error) {
    // Goes to Squid's cache.log; says nothing about any request.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const verify = (username: string, password: string): boolean =>
    authorities.some((authority) => authority.verify(username, password));
  process.stdout.on('error', () => process.exit(0)); // Squid went away
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => process.stdout.write(`${answer(line, verify)}\n`));
  lines.on('close', () => process.exit(0));
}

// Run only as a program (tests import answer() and loadKey()).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
