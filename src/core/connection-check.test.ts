import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection } from './connection-check';

/** A local server whose answer each case picks by path. */
let server: http.Server;
let base: string;
const replies: Record<string, { status?: number; body: string; hang?: boolean }> = {
  '/ok': { body: '{"ip":"127.0.0.2","country":"JP"}' },
  '/unknown-country': { body: '{"ip":"2001:db8::7","country":null}' },
  '/not-an-ip': { body: '{"ip":"<img src=x>","country":"JP"}' },
  '/bad-country': { body: '{"ip":"127.0.0.2","country":"Japan"}' },
  '/not-json': { body: '<html>portal</html>' },
  '/huge': { body: JSON.stringify({ ip: '127.0.0.2', country: null, pad: 'x'.repeat(10_000) }) },
  '/error': { status: 500, body: '{}' },
  '/hang': { body: '', hang: true },
};

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const reply = replies[request.url ?? ''] ?? { status: 404, body: '' };
    if (reply.hang) return;
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const check = (path: string, timeoutMs?: number) =>
  checkConnection(base + path, { fetch: (...args) => fetch(...args), ...(timeoutMs ? { timeoutMs } : {}) });

describe('the connection check ("what sites see")', () => {
  it('reads the address and the country, or null for an unknown country', async () => {
    expect(await check('/ok')).toEqual({ ip: '127.0.0.2', country: 'JP' });
    expect(await check('/unknown-country')).toEqual({ ip: '2001:db8::7', country: null });
  });

  it.each([
    ['/not-an-ip', 'badAnswer', /malformed/],
    ['/bad-country', 'badAnswer', /malformed/],
    ['/not-json', 'badAnswer', /not JSON/],
    ['/huge', 'badAnswer', /too large/],
    ['/error', 'badAnswer', /HTTP 500/],
  ])('refuses a hostile or broken answer (%s) with a clear error', async (path, code, message) => {
    await expect(check(path)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('gives up on a check that does not answer, and says so', async () => {
    await expect(check('/hang', 200)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('says the check cannot be reached when nothing listens', async () => {
    await expect(
      checkConnection('http://127.0.0.1:9/v1/connection-check', { fetch: (...args) => fetch(...args) }),
    ).rejects.toMatchObject({ code: 'serviceDown' });
  });
});
