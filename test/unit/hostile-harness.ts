/**
 * Shared by the hostile-input catalogue files (not a test file): a local account service whose
 * answers each case chooses, the controller harness (test/support/controller-harness.ts) wired to
 * it through the real account-service client, and the "refused, nothing changed" check.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createAccountApi } from '../../src/core/account-api';
import type { Platform } from '../../src/background/platform';
import type { ErrorCode } from '../../src/shared/errors';
import type { Region } from '../../src/shared/provider-types';
import { testIssuer } from '../../server/tokens/test-tokens';
import { setup, type Harness, type Stored } from '../support/controller-harness';
import { DE_FRA_ONE_SERVER } from '../support/regions';

export type Reply = {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  hang?: boolean;
  cut?: boolean;
};

export const TOKEN = JSON.stringify({ token: 't'.repeat(43), expiresAt: Date.now() + 3_600_000 });
/** The provider's one good region, with one loopback server. */
export const GOOD_REGION = DE_FRA_ONE_SERVER;
export const GOOD_SERVER = DE_FRA_ONE_SERVER.servers[0]!;
/** A proxy challenge from GOOD_SERVER. */
export const OURS = { isProxy: true, host: GOOD_SERVER.host, port: GOOD_SERVER.port, scheme: 'basic' };
export const regionsBody = (regions: unknown) => JSON.stringify({ regions });
export const SIGNED_IN = {
  local: { session: { token: 't'.repeat(43), email: 'a@b.test' }, regions: [GOOD_REGION], regionId: 'de-fra' },
};

/**
 * Starts a local account service for the calling test file (hooks registered here). `replyFor`
 * decides each answer by path; it is reset to `initial` before every test.
 */
export function accountService(initial: (path: string, body: string) => Reply = () => ({ status: 404 })) {
  const service = { url: '', replyFor: initial, paths: [] as string[] };
  const server = http.createServer(async (req, res) => {
    service.paths.push(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = service.replyFor(req.url ?? '', Buffer.concat(chunks).toString());
    if (reply.hang) return;
    if (reply.cut) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"regions":[');
      res.socket?.destroy();
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body ?? '');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The first fetch of a process is slow (client start-up): pay it here, not in the first case's timeout.
    await fetch(`${service.url}/warm-up`).then((res) => res.text());
    service.paths = [];
  });
  afterEach(() => {
    service.replyFor = initial;
    service.paths = [];
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return service;
}

/**
 * A real token issuer's answers (directory and blind signatures, server/tokens/issuer.ts) for the
 * paths it serves; undefined for any other path.
 */
export function issuerReplies(key = 0) {
  const { issuer } = testIssuer({ key });
  return (path: string, body: string): Reply | undefined => {
    if (path === '/.well-known/private-token-issuer-directory')
      return { body: JSON.stringify(issuer.directory(Date.now())) };
    if (path !== '/v1/tokens') return undefined;
    try {
      const { tokenRequests } = JSON.parse(body) as { tokenRequests: string[] };
      return {
        body: JSON.stringify({ tokenResponses: tokenRequests.map((r) => issuer.sign(r).toString('base64url')) }),
      };
    } catch {
      return { status: 400, body: '{"error":{"code":"invalid_request","message":"bad"}}' };
    }
  };
}

/** A provider that works: the issuer's `replies`, `regions`, and 204 for anything else. */
export function workingProvider(regions: Region[], replies = issuerReplies()) {
  return (path: string, body = ''): Reply =>
    replies(path, body) ?? (path === '/v1/regions' ? { body: regionsBody(regions) } : { status: 204 });
}

/**
 * The harness's controller talking to `service` through the real account-service client.
 * `breakPlatform` puts a browser-API fault in place before the controller reads storage.
 */
export function setupController(service: { url: string }, stored?: Stored, breakPlatform?: (p: Platform) => void) {
  return setup({
    stored,
    breakPlatform,
    accountUrl: service.url,
    accountApi: (url) => createAccountApi({ baseUrl: url, fetch, timeoutMs: 2_000, retries: 0, maxBytes: 200_000 }),
  });
}

/** Runs `act`; it must fail with `code`, and nothing stored or applied may change. */
export async function expectRefused(t: Harness, act: () => Promise<unknown>, code: ErrorCode) {
  const before = JSON.stringify(t.local);
  const applied = t.applied.length;
  await expect(act()).rejects.toMatchObject({ code });
  expect(JSON.stringify(t.local)).toBe(before);
  expect(t.applied.length).toBe(applied);
}

/**
 * Fails the current test when a promise rejection went unhandled during it (oracle O9). Vitest
 * reports them too, but only for the whole run; this names the case.
 */
export function failOnUnhandledRejections() {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  beforeAll(() => void process.on('unhandledRejection', listener));
  afterAll(() => void process.off('unhandledRejection', listener));
  afterEach(async () => {
    // Node reports an unhandled rejection after the microtask queue drains: let it.
    await new Promise((resolve) => setImmediate(resolve));
    const found = seen.splice(0);
    expect(found.map(String)).toEqual([]);
  });
}
