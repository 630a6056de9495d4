/**
 * Hostile token issuer answers at the extension (issue #14): the real controller and account
 * client against a local service that serves a crafted directory or crafted signatures. Each case
 * ends in a clear error the popup shows, nothing stored, and no traffic around the proxy: a
 * Connect stays off, a connected user stays blocked (never a linkable fallback).
 */
import { describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../src/shared/errors';
import { testIssuer } from '../../server/tokens/test-tokens';
import {
  accountService,
  failOnUnhandledRejections,
  GOOD_REGION,
  issuerReplies,
  OURS as ours,
  setupController,
  SIGNED_IN,
  workingProvider,
  type Reply,
} from './hostile-harness';

const good = issuerReplies();
const DIRECTORY = '/.well-known/private-token-issuer-directory';
const working = workingProvider([GOOD_REGION], good);
const service = accountService(working);
failOnUnhandledRejections();

const directory = () =>
  JSON.parse(good(DIRECTORY, '')!.body as string) as Record<string, unknown> & { 'token-keys': unknown[] };
const otherIssuer = testIssuer({ key: 1 }).issuer;
const signWith =
  (sign: (request: string) => string) =>
  (body: string): Reply => ({
    body: JSON.stringify({ tokenResponses: (JSON.parse(body) as { tokenRequests: string[] }).tokenRequests.map(sign) }),
  });

const CASES: [string, (path: string, body: string) => Reply | undefined, ErrorCode][] = [
  [
    'a directory with 50 keys',
    (p) =>
      p === DIRECTORY
        ? { body: JSON.stringify({ ...directory(), 'token-keys': Array(50).fill(directory()['token-keys'][0]) }) }
        : undefined,
    'badIssuer',
  ],
  [
    'a directory with 3 different keys',
    (p) =>
      p === DIRECTORY
        ? {
            body: JSON.stringify({
              ...directory(),
              'token-keys': [
                ...directory()['token-keys'],
                ...JSON.parse(JSON.stringify(otherIssuer.directory(0)))['token-keys'],
                { 'token-type': 2, 'token-key': 'A'.repeat(400), 'not-before': 0 },
              ],
            }),
          }
        : undefined,
    'badIssuer',
  ],
  [
    'a key of token type 1 (privately verifiable: the issuer could link)',
    (p) =>
      p === DIRECTORY
        ? {
            body: JSON.stringify({ ...directory(), 'token-keys': [{ 'token-type': 1, 'token-key': 'A'.repeat(400) }] }),
          }
        : undefined,
    'badIssuer',
  ],
  [
    'no key at all',
    (p) => (p === DIRECTORY ? { body: JSON.stringify({ ...directory(), 'token-keys': [] }) } : undefined),
    'badIssuer',
  ],
  [
    'an issuance address elsewhere',
    (p) =>
      p === DIRECTORY
        ? { body: JSON.stringify({ ...directory(), 'issuer-request-uri': 'https://tracker.example/issue' }) }
        : undefined,
    'badIssuer',
  ],
  ['a directory that is not JSON', (p) => (p === DIRECTORY ? { body: '<html>' } : undefined), 'badAnswer'],
  [
    'no directory (an older provider)',
    (p) =>
      p === DIRECTORY
        ? { status: 404, body: '{"error":{"code":"not_found","message":"No such endpoint"}}' }
        : undefined,
    'noTokenIssuer',
  ],
  [
    'signatures of the wrong length',
    (p, b) => (p === '/v1/tokens' ? signWith(() => 'AAAA')(b) : undefined),
    'badIssuer',
  ],
  [
    'valid signatures for other requests (swapped: they do not verify)',
    (p, b) => {
      if (p !== '/v1/tokens') return undefined;
      const answer = JSON.parse(good(p, b)!.body as string) as { tokenResponses: string[] };
      return {
        body: JSON.stringify({ tokenResponses: [...answer.tokenResponses.slice(1), answer.tokenResponses[0]] }),
      };
    },
    'badIssuer',
  ],
  [
    'random 256-byte signatures',
    (p, b) => (p === '/v1/tokens' ? signWith(() => Buffer.alloc(256, 7).toString('base64url'))(b) : undefined),
    'badIssuer',
  ],
  [
    'fewer signatures than requests',
    (p) => (p === '/v1/tokens' ? { body: JSON.stringify({ tokenResponses: [] }) } : undefined),
    'badIssuer',
  ],
];

describe('hostile issuer answers at Connect: a clear error, nothing stored, the proxy off', () => {
  it.each(CASES)('%s', async (_name, hostile, code) => {
    service.replyFor = (path, body) => hostile(path, body) ?? working(path, body);
    const t = setupController(service, SIGNED_IN);
    const answer = await t.controller.onMessage({ name: 'connect', input: { regionId: 'de-fra' } });
    expect(answer).toMatchObject({ ok: true, value: { status: 'error', error: { code } } });
    expect(t.session.tokens ?? null).toBeNull();
    expect(t.local.wantConnected).toBe(false);
    expect(t.applied.at(-1)).toEqual({ kind: 'off' });
  });

  it('positive control: the same harness with an honest issuer connects', async () => {
    const t = setupController(service, SIGNED_IN);
    const answer = await t.controller.onMessage({ name: 'connect', input: { regionId: 'de-fra' } });
    expect(answer).toMatchObject({ ok: true, value: { status: 'connected' } });
    expect(t.session.tokens).toBeTruthy();
  });
});

describe('hostile issuer answers while connected: blocked, told, the held key kept', () => {
  it('a new key in every directory (a key per request could tag the user): refused after the first', async () => {
    const t = setupController(service, SIGNED_IN);
    await t.h.connect({ regionId: 'de-fra' });
    const held = JSON.stringify(t.session.tokens);
    const fresh = issuerReplies(1); // the same provider, suddenly with another key
    service.replyFor = (path, body) => (path === DIRECTORY ? fresh(path, body)! : working(path, body));
    const first = await t.challenge({ requestId: 'r', ...ours });
    expect(first).toMatchObject({ username: expect.stringMatching(/^[0-9a-f]{16}$/) }); // the held token
    expect(await t.challenge({ requestId: 'r', ...ours })).toBe('cancel'); // refused: no token from the new key
    await vi.waitFor(async () => expect((await t.h.getState(undefined)).error?.code).toBe('badIssuer'));
    expect(JSON.stringify(t.session.tokens)).toBe(held); // nothing from the new key was stored
    expect(t.applied.at(-1)?.kind).toBe('route'); // still blocked, never direct
  });
});
