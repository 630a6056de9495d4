/**
 * The Squid helper as Squid runs it: the shell wrapper with a saved issuer directory and a region,
 * lines on stdin, answers on stdout. Tokens come from the real client and a real issuer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCases } from '../tokens/hostile-tokens.ts';
import type { HostileCase } from '../tokens/hostile-tokens.ts';
import { testIssuer } from '../tokens/test-tokens.ts';
import { answer } from './zone-basic-auth.ts';

const HELPER = fileURLToPath(new URL('./zone-basic-auth', import.meta.url));
const REGION = 'de-fra';
const dir = mkdtempSync(join(tmpdir(), 'zone-helper-'));
const DIRECTORY = join(dir, 'issuer.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OK = 'OK';
const REFUSED = 'ERR message="invalid or expired Zone VPN access token"';
const MALFORMED = 'ERR message="malformed helper request"';
/** Squid's encoding: every byte outside [A-Za-z0-9] may arrive as %XX. */
const escapeAll = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
/** What Squid sends: each field URL-encoded (%XX for anything but letters and digits). */
const squidLine = (username: string, password: string) =>
  `${encodeURIComponent(username).replace(/[-_.!~*'()]/g, (c) => escapeAll(c))} ${encodeURIComponent(password).replace(/[-_.!~*'()]/g, (c) => escapeAll(c))}`;

function run(lines: string[], args: string[] = [DIRECTORY, REGION]) {
  const result = spawnSync(HELPER, args, {
    input: lines.map((l) => `${l}\n`).join(''),
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: result.status, out: result.stdout.split('\n').slice(0, -1), err: result.stderr };
}

describe('zone-basic-auth (spawned like Squid does)', () => {
  const issuer = testIssuer({ epochSeconds: 3600 });
  let valid: { username: string; password: string };
  let hostile: HostileCase[];
  beforeAll(async () => {
    writeFileSync(DIRECTORY, JSON.stringify(issuer.directory));
    [valid] = (await issuer.mint([{ regionId: REGION }])) as [typeof valid];
    hostile = await hostileCases(issuer, REGION);
  });

  it('answers each line in order: valid, URL-encoded, malformed lines', () => {
    const { status, out, err } = run([
      `${valid.username} ${valid.password}`,
      `${escapeAll(valid.username)} ${escapeAll(valid.password)}`,
      `${valid.username}`,
      `${valid.username} ${valid.password} extra words`,
      `${valid.username} %zz${valid.password}`,
      `${valid.username} %C3%28`, // not UTF-8
      '',
      `${valid.username} ${valid.password}`,
    ]);
    expect(out).toEqual([OK, OK, MALFORMED, MALFORMED, MALFORMED, MALFORMED, MALFORMED, OK]);
    expect(status).toBe(0);
    expect(err).toBe(''); // nothing logged, let alone tokens
  });

  it('refuses every hostile token (at least 40) and keeps answering: a valid token passes after them', () => {
    const lines = [...hostile.map((c) => squidLine(c.username, c.password)), squidLine(valid.username, valid.password)];
    const { status, out, err } = run(lines);
    expect(hostile.length).toBeGreaterThanOrEqual(40);
    const accepted = hostile.filter((_, i) => out[i] === OK).map((c) => c.name);
    expect(accepted).toEqual([]);
    expect(out.slice(0, -1).every((line) => line === REFUSED || line === MALFORMED)).toBe(true);
    expect(out.at(-1)).toBe(OK);
    expect(status).toBe(0);
    expect(err).toBe('');
  });

  it('speaks the concurrency form: answers carry the channel ID', () => {
    const { out } = run([
      `0 ${valid.username} ${valid.password}`,
      `17 ${valid.username} ${valid.password.slice(1)}`,
      `3 ${escapeAll(valid.username)} ${escapeAll(valid.password)}`,
      `4 ${valid.username} ${valid.password} extra`, // key_extras: not supported
    ]);
    expect(out).toEqual([`0 ${OK}`, `17 ${REFUSED}`, `3 ${OK}`, `4 ${MALFORMED}`]);
  });

  it('checks the region: a helper for another region refuses the token', () => {
    const { out } = run([`${valid.username} ${valid.password}`], [DIRECTORY, 'jp-tyo']);
    expect(out).toEqual([REFUSED]);
  });

  it('refuses to start without a usable directory or region', () => {
    const none = run([`${valid.username} ${valid.password}`], []);
    expect(none.status).toBe(1);
    expect(none.out).toEqual([]);
    expect(none.err).toMatch(/usage/);
    const missing = run([], [join(dir, 'absent.json'), REGION]);
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/cannot read the issuer directory/);
    const crowded = join(dir, 'crowded.json');
    const keys = issuer.directory['token-keys'];
    writeFileSync(crowded, JSON.stringify({ ...issuer.directory, 'token-keys': [...keys, ...keys, ...keys] }));
    const many = run([], [crowded, REGION]);
    expect(many.status).toBe(1);
    expect(many.err).toMatch(/1 or 2 type 2 keys/);
  });
});

describe('answer()', () => {
  it('never echoes what it was sent', () => {
    const line = `1 ${'x'.repeat(30)} secret-password`;
    expect(answer(line, () => false)).not.toMatch(/x{30}|secret/);
  });
});
