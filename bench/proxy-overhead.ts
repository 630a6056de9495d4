/**
 * 6. Reference proxy overhead on loopback: a 10 MB download and a tiny request, direct vs through
 * one of the provider's proxies (plain-HTTP absolute-URI request, Basic auth with an access token
 * minted as the extension does: POST /v1/sessions, the issuer directory, POST /v1/tokens). Fresh
 * connection each.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintTestTokens } from '../server/test-support';
import { DEMO, type TestProvider } from '../test/support/provider';
import { median, now, round, type MeasureResult } from './lib/stats';

const BIG = 10 * 1024 * 1024;
const DOWNLOADS = 5;
const SMALL = 60;

async function startFileOrigin(): Promise<{ port: number; close(): Promise<void> }> {
  const big = Buffer.alloc(BIG, 7);
  const server = http.createServer((req, res) => {
    const body = req.url === '/big' ? big : Buffer.from('ok');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': body.length,
      connection: 'close',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One GET on a fresh connection; resolves with ms until the last byte and the byte count. */
function get(options: http.RequestOptions): Promise<{ ms: number; bytes: number; status: number }> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const req = http.request({ ...options, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ ms: now() - t0, bytes, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function api(base: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function measureProxy(provider: TestProvider): Promise<MeasureResult> {
  const origin = await startFileOrigin();
  try {
    const { token } = await api(provider.accountUrl, '/v1/sessions', undefined, DEMO);
    const server = provider.regions[0]!.servers[0]!;
    const [creds] = await mintTestTokens(provider.accountUrl, String(token), [{ regionId: provider.regions[0]!.id }]);
    if (!creds) throw new Error('no token');
    const auth = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    const host = `files.bench.test:${origin.port}`;
    const direct = (path: string) => get({ host: '127.0.0.1', port: origin.port, path });
    const proxied = (path: string) =>
      get({
        host: server.host,
        port: server.port,
        path: `http://${host}${path}`,
        headers: { host, 'proxy-authorization': auth },
      });
    const check = (r: { ms: number; status: number; bytes: number }, bytes: number) => {
      if (r.status !== 200 || r.bytes !== bytes) throw new Error(`download failed: HTTP ${r.status}, ${r.bytes} B`);
      return r.ms;
    };
    await direct('/big');
    await proxied('/big'); // warm-up
    const bigDirect: number[] = [];
    const bigProxied: number[] = [];
    for (let i = 0; i < DOWNLOADS; i++) {
      bigDirect.push(check(await direct('/big'), BIG));
      bigProxied.push(check(await proxied('/big'), BIG));
    }
    const smallDirect: number[] = [];
    const smallProxied: number[] = [];
    for (let i = 0; i < SMALL; i++) {
      smallDirect.push(check(await direct('/small'), 2));
      smallProxied.push(check(await proxied('/small'), 2));
    }
    const mbps = (ms: number) => BIG / 1024 / 1024 / (ms / 1000);
    const tD = median(bigDirect);
    const tP = median(bigProxied);
    const lD = median(smallDirect);
    const lP = median(smallProxied);
    return {
      measure: 'proxy',
      rows: [
        {
          measure: 'proxy',
          name: '10 MB download throughput via proxy',
          value: round(mbps(tP), 1),
          unit: 'MB/s',
          runs: DOWNLOADS,
          baseline: round(mbps(tD), 1),
          ratio: round(tD / tP, 2),
          note: 'baseline: direct',
        },
        {
          measure: 'proxy',
          name: '10 MB download time via proxy',
          value: round(tP, 1),
          unit: 'ms',
          runs: DOWNLOADS,
          baseline: round(tD, 1),
          ratio: round(tP / tD, 2),
        },
        {
          measure: 'proxy',
          name: 'small request via proxy (new connection)',
          value: round(lP, 2),
          unit: 'ms',
          runs: SMALL,
          baseline: round(lD, 2),
          ratio: round(lP / lD, 2),
        },
        { measure: 'proxy', name: 'added latency per request', value: round(lP - lD, 2), unit: 'ms', runs: SMALL },
      ],
      details: {
        server: server.id,
        method: 'plain-HTTP absolute-URI GET with Proxy-Authorization; agent: false (one connection per request)',
      },
    };
  } finally {
    await origin.close();
  }
}
