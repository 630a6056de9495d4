import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountApi } from '../core/account-api';
import { createConnectionCheck } from './connection-check';
import type { State } from './stored-state';

/** A local account service: regions announce the check URL the case picks; the check answers JP. */
let server: http.Server;
let base: string;
let announced: unknown;
let regionCalls = 0;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/v1/regions') {
      regionCalls++;
      const region = { id: 'jp-tyo', name: 'Japan', country: 'JP', city: 'Tokyo', servers: [] };
      return response.end(JSON.stringify({ regions: [region], connectionCheckUrl: announced }));
    }
    if (request.url === '/v1/connection-check') return response.end('{"ip":"127.0.0.2","country":"JP"}');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const CONNECTED = {
  session: { token: 't', email: 'a@b.test', origin: 'x' },
  wantConnected: true,
  live: null,
  pausedUntil: null,
} as unknown as State;

function handler(s: State, fetchFor: (url: string) => string = (url) => url) {
  const contacted: string[] = [];
  const api = createAccountApi({ baseUrl: base, fetch: (...args) => fetch(...args) });
  const { checkConnection } = createConnectionCheck({
    state: async () => s,
    sessionApi: async () => api,
    note: (url) => contacted.push(url),
    // The check URL must be https; here it is served by the plain local server above.
    fetch: (input, init) => fetch(fetchFor(String(input)), init),
    now: () => 1_000,
  });
  return { check: () => checkConnection(undefined), contacted };
}

describe('checkConnection: what sites see, only while connected', () => {
  it('asks the URL the region list announced, and lists its host among those contacted', async () => {
    announced = 'https://check.zone.test:8443/v1/connection-check';
    const { check, contacted } = handler(CONNECTED, () => `${base}/v1/connection-check`);
    expect(await check()).toEqual({ ip: '127.0.0.2', country: 'JP' });
    expect(contacted).toEqual([announced]);
  });

  it.each([
    ['signed out', { ...CONNECTED, session: null }, /Log in first/],
    ['switched off', { ...CONNECTED, wantConnected: false }, /Connect first/],
    ['paused', { ...CONNECTED, pausedUntil: 5_000 }, /Connect first/],
    ['still connecting', { ...CONNECTED, live: { status: 'connecting', error: null } }, /Connect first/],
  ])('refuses when %s: asked then, it would tell the provider the user’s own address', async (_, s, message) => {
    const before = regionCalls;
    const { check, contacted } = handler(s as State);
    await expect(check()).rejects.toThrow(message);
    expect(contacted).toEqual([]);
    expect(regionCalls).toBe(before);
  });

  it.each([
    ['none', undefined],
    ['a plain-http one', 'http://check.zone.test/v1/connection-check'],
    ['not a URL', 'javascript:alert(1)'],
  ])('says so when the provider announces %s (the regions still count)', async (_, url) => {
    announced = url;
    const { check, contacted } = handler(CONNECTED);
    await expect(check()).rejects.toThrow(/offers no connection check/);
    expect(contacted).toEqual([]);
  });
});
