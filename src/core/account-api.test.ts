import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountApi } from './account-api';
import { DE_FRA_ONE_SERVER } from '../../test/support/regions';

// A real HTTP server on loopback whose answer each test chooses.
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.end();
const server = http.createServer((req, res) => answer(req, res));
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const api = () => createAccountApi({ baseUrl, fetch, timeoutMs: 2_000, maxBytes: 10_000, retries: 0 });
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (answer = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  });
const region = DE_FRA_ONE_SERVER;

describe('account-service client', () => {
  it('logs in and sends the email and password as JSON', async () => {
    let body = '';
    answer = (req, res) => {
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ token: 'x'.repeat(43), expiresAt: 1 }));
      });
    };
    await expect(api().login('a@b.test', 'pw')).resolves.toEqual({ token: 'x'.repeat(43), expiresAt: 1 });
    expect(JSON.parse(body)).toEqual({ email: 'a@b.test', password: 'pw' });
  });

  it('tells onRequest the URL of every request it sends (the privacy panel counts hosts)', async () => {
    const urls: string[] = [];
    const told = createAccountApi({ baseUrl, fetch, retries: 0, onRequest: (url) => urls.push(url) });
    json(200, { regions: [region] });
    await told.regions('t');
    json(401, { error: { code: 'unauthorized', message: 'no' } });
    await expect(told.account('t')).rejects.toMatchObject({ code: 'sessionExpired' });
    expect(urls).toEqual([`${baseUrl}/v1/regions`, `${baseUrl}/v1/account`]);
  });

  it('a 401 on login means wrong email or password', async () => {
    json(401, { error: { code: 'bad_credentials', message: 'Wrong email or password.' } });
    await expect(api().login('a@b.test', 'nope')).rejects.toMatchObject({ code: 'badCredentials' });
  });

  it('a 401 elsewhere means the session expired', async () => {
    json(401, { error: { code: 'unauthorized', message: 'no' } });
    await expect(api().regions('t')).rejects.toMatchObject({ code: 'sessionExpired' });
  });

  it('a 429 tells how long to wait (Retry-After)', async () => {
    json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '42' });
    await expect(api().login('a@b.test', 'pw')).rejects.toMatchObject({ code: 'rateLimited', retryAfterSeconds: 42 });
  });

  it('a 5xx is the service being unavailable, not the connection or the password', async () => {
    json(503, { error: { code: 'service_unavailable', message: 'x' } }, { 'retry-after': '5' });
    await expect(api().login('a@b.test', 'pw')).rejects.toMatchObject({ code: 'serviceUnavailable' });
    json(500, 'down');
    await expect(api().regions('t')).rejects.toMatchObject({ code: 'serviceUnavailable' });
  });

  it('a hanging service times out', async () => {
    answer = () => undefined; // never answers
    await expect(api().regions('t')).rejects.toMatchObject({ code: 'timeout' });
  });

  it('an answer that is not JSON is a clear error', async () => {
    answer = (_req, res) => res.end('<html>proxy error</html>');
    await expect(api().regions('t')).rejects.toMatchObject({
      code: 'badAnswer',
      message: expect.stringContaining('not JSON'),
    });
  });

  it('an oversized answer is refused', async () => {
    json(200, { regions: [], padding: 'x'.repeat(20_000) });
    await expect(api().regions('t')).rejects.toMatchObject({
      code: 'badAnswer',
      message: expect.stringContaining('too large'),
    });
  });

  it.each([
    ['a port out of range', { ...region, servers: [{ ...region.servers[0], port: 70000 }] }],
    [
      'a host with PAC code in it',
      { ...region, servers: [{ ...region.servers[0], host: '1.2.3.4"; return "DIRECT' }] },
    ],
    ['an unknown scheme', { ...region, servers: [{ ...region.servers[0], scheme: 'socks4' }] }],
    ['a lower-case country', { ...region, country: 'de' }],
  ])('a region list with %s is refused', async (_name, bad) => {
    json(200, { regions: [bad] });
    await expect(api().regions('t')).rejects.toMatchObject({ code: 'badAnswer' });
  });

  it('a region with no servers is not offered; the other regions are', async () => {
    json(200, { regions: [{ ...region, id: 'empty', servers: [] }, region] });
    await expect(api().regions('t')).resolves.toEqual([region]);
  });

  it('a valid region list is returned as is', async () => {
    json(200, { regions: [region] });
    await expect(api().regions('t')).resolves.toEqual([region]);
  });

  it('an unreachable service is reported as down', async () => {
    const down = createAccountApi({ baseUrl: 'http://127.0.0.1:9', fetch, timeoutMs: 2000, retries: 0 });
    await expect(down.regions('t')).rejects.toMatchObject({ code: 'serviceDown' });
  });
});

describe('account-service client: retries and waiting', () => {
  const sleeps: number[] = [];
  const patient = (now = () => Date.now()) =>
    createAccountApi({
      baseUrl,
      fetch,
      timeoutMs: 300,
      retries: 2,
      retryBaseMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      now,
    });
  const counting = (statuses: number[]) => {
    let n = 0;
    answer = (_req, res) => {
      const status = statuses[Math.min(n++, statuses.length - 1)]!;
      res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '42' });
      res.end(JSON.stringify(status === 200 ? { regions: [region] } : { error: { code: 'x', message: 'x' } }));
    };
    return () => n;
  };

  it('a 5xx is retried with growing, jittered waits, then succeeds', async () => {
    sleeps.length = 0;
    const calls = counting([503, 502, 200]);
    await expect(patient().regions('t')).resolves.toEqual([region]);
    expect(calls()).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('retries are bounded: after three failures it reports the service unavailable', async () => {
    const calls = counting([500]);
    await expect(patient().regions('t')).rejects.toMatchObject({ code: 'serviceUnavailable' });
    expect(calls()).toBe(3);
  });

  it('a 401 is never retried', async () => {
    const calls = counting([401]);
    await expect(patient().regions('t')).rejects.toMatchObject({ code: 'sessionExpired' });
    expect(calls()).toBe(1);
  });

  it('after a 429 it waits as told (Retry-After) without asking again', async () => {
    let clock = 1_000_000;
    const client = patient(() => clock);
    const calls = counting([429, 200]);
    await expect(client.login('a@b.test', 'pw')).rejects.toMatchObject({ code: 'rateLimited', retryAfterSeconds: 42 });
    await expect(client.login('a@b.test', 'pw')).rejects.toMatchObject({ code: 'rateLimited', retryAfterSeconds: 42 });
    expect(calls()).toBe(1);
    clock += 43_000;
    await expect(client.regions('t')).resolves.toEqual([region]);
    expect(calls()).toBe(2);
  });

  it('an oversized answer is refused before it is read whole', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"regions":[');
      res.write('x'.repeat(50_000)); // no content-length: chunked
      res.end(']}');
    };
    const small = createAccountApi({ baseUrl, fetch, maxBytes: 10_000, retries: 0 });
    await expect(small.regions('t')).rejects.toMatchObject({
      code: 'badAnswer',
      message: expect.stringContaining('too large'),
    });
  });
});
