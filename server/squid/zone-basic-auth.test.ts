/**
 * The Squid helper as Squid runs it: the shell wrapper, lines on stdin, answers on stdout.
 * Credentials come from the real CredentialAuthority with the same key.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialAuthority } from '../credentials.ts';
import { answer, loadKeys } from './zone-basic-auth.ts';

const HELPER = fileURLToPath(new URL('./zone-basic-auth', import.meta.url));
const KEY = 'test-only-squid-helper-key-0123456789';
const authority = new CredentialAuthority(Buffer.from(KEY));
const other = new CredentialAuthority(Buffer.from('some-other-key-9876543210'));
const dir = mkdtempSync(join(tmpdir(), 'zone-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OK = 'OK';
const REFUSED = 'ERR message="invalid or expired Zone VPN credentials"';
const MALFORMED = 'ERR message="malformed helper request"';
/** Squid's encoding: every byte outside [A-Za-z0-9] may arrive as %XX. */
const escapeAll = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function run(lines: string[], args: string[] = [], env: Record<string, string> = { ZONE_CREDENTIAL_KEY: KEY }) {
  const base = { ...process.env };
  delete base['ZONE_CREDENTIAL_KEY'];
  const result = spawnSync(HELPER, args, {
    input: lines.map((l) => `${l}\n`).join(''),
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { status: result.status, out: result.stdout.split('\n').slice(0, -1), err: result.stderr };
}

describe('zone-basic-auth (spawned like Squid does)', () => {
  const valid = authority.issue('LEKZxpRfxvZBZkAa207g8w', Date.now() + 60_000);
  const expired = authority.issue('LEKZxpRfxvZBZkAa207g8w', Date.now() - 1);
  const forged = other.issue('LEKZxpRfxvZBZkAa207g8w', Date.now() + 60_000);
  const tampered = `${valid.expiresAt + 1}${valid.password.slice(String(valid.expiresAt).length)}`;

  it('answers each line in order: valid, URL-encoded, expired, forged, tampered, malformed', () => {
    const { status, out, err } = run([
      `${valid.username} ${valid.password}`,
      `${escapeAll(valid.username)} ${escapeAll(valid.password)}`,
      `${expired.username} ${expired.password}`,
      `${forged.username} ${forged.password}`,
      `${valid.username} ${tampered}`,
      `other-user ${valid.password}`,
      `${valid.username}`,
      `${valid.username} ${valid.password} extra words`,
      `${valid.username} %zz${valid.password}`,
      `${valid.username} %C3%28`, // not UTF-8
      '',
    ]);
    expect(out).toEqual([
      OK,
      OK,
      REFUSED,
      REFUSED,
      REFUSED,
      REFUSED,
      MALFORMED,
      MALFORMED,
      MALFORMED,
      MALFORMED,
      MALFORMED,
    ]);
    expect(status).toBe(0);
    expect(err).toBe(''); // nothing logged, let alone credentials
  });

  it('speaks the concurrency form: answers carry the channel ID', () => {
    const { out } = run([
      `0 ${valid.username} ${valid.password}`,
      `17 ${forged.username} ${forged.password}`,
      `3 ${escapeAll(valid.username)} ${escapeAll(valid.password)}`,
      `4 ${valid.username} ${valid.password} extra`, // key_extras: not supported
    ]);
    expect(out).toEqual([`0 ${OK}`, `17 ${REFUSED}`, `3 ${OK}`, `4 ${MALFORMED}`]);
  });

  it('reads keys from a file given as argument, one per line, before the env (key rotation)', () => {
    const file = join(dir, 'keys');
    const previous = 'the-previous-key-still-accepted';
    writeFileSync(file, `${KEY}\r\n\n${previous}\n`, { mode: 0o600 });
    const old = new CredentialAuthority(Buffer.from(previous)).issue('OldKeyUser', Date.now() + 60_000);
    const lines = [`${valid.username} ${valid.password}`, `${old.username} ${old.password}`];
    const { out } = run([...lines, `${forged.username} ${forged.password}`], [file], {
      ZONE_CREDENTIAL_KEY: 'some-other-key-9876543210', // ignored when a file is given
    });
    expect(out).toEqual([OK, OK, REFUSED]);
  });

  it('refuses to start without a key, or with one shorter than 16 bytes', () => {
    const none = run([`${valid.username} ${valid.password}`], [], {});
    expect(none.status).toBe(1);
    expect(none.out).toEqual([]);
    expect(none.err).toMatch(/no key/);
    const short = run([`${valid.username} ${valid.password}`], [], { ZONE_CREDENTIAL_KEY: 'short' });
    expect(short.status).toBe(1);
    expect(short.err).toMatch(/at least 16 bytes/);
  });
});

describe('answer() and loadKeys()', () => {
  it('never echoes what it was sent', () => {
    const line = `1 ${'x'.repeat(30)} secret-password`;
    expect(answer(line, () => false)).not.toMatch(/x{30}|secret/);
  });
  it('loadKeys throws without a key instead of making a random one', () => {
    expect(() => loadKeys(undefined, {})).toThrow(/no key/);
    expect(loadKeys(undefined, { ZONE_CREDENTIAL_KEY: KEY }).map(String)).toEqual([KEY]);
  });
});
