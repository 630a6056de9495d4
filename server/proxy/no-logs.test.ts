/**
 * The proxies keep no logs and no history: after proxied traffic that carries a unique marker (in
 * the URL and a header), no file modified during the test, in the provider's data folder, the
 * working tree, the temp folder or /var/log, contains that marker. A positive control first proves
 * that the scan finds the marker when something does write it.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyCredentialsFor, startTestProvider, type TestProvider } from '../test-support.ts';
import { proxyConnect, proxyGet, startRecordingOrigin } from './test-clients.ts';

const SKIP = new Set(['node_modules', '.git', 'dist', 'artifacts', 'proc', 'sys']);
const MAX_BYTES = 20_000_000;

/** Files under `dir` (up to `depth` levels) modified at or after `since` that contain `marker`. */
async function filesMentioning(dir: string, marker: string, since: number, depth = 3): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return found; // unreadable or vanished: nothing of ours there
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIP.has(entry.name) && depth > 0) {
      found.push(...(await filesMentioning(path, marker, since, depth - 1)));
    } else if (entry.isFile()) {
      const info = await stat(path).catch(() => null);
      if (!info || info.mtimeMs < since || info.size > MAX_BYTES) continue;
      const text = await readFile(path).catch(() => null);
      if (text?.includes(marker)) found.push(path);
    }
  }
  return found;
}

describe('proxies write nothing about the traffic they carry', () => {
  let provider: TestProvider;
  let origin: Awaited<ReturnType<typeof startRecordingOrigin>>;
  const marker = `zone-marker-${randomUUID()}`;
  let since = 0;
  const places = () => [provider.dir, process.cwd(), tmpdir(), '/var/log'];
  const scan = async () => (await Promise.all(places().map((d) => filesMentioning(d, marker, since)))).flat();

  beforeAll(async () => {
    since = Date.now() - 1000;
    origin = await startRecordingOrigin();
    provider = await startTestProvider({ upstreamLocalAddress: '127.0.0.2' });
  });
  afterAll(async () => {
    await provider?.dispose();
    await origin?.close();
  });

  it('positive control: the scan finds the marker when a file holds it', async () => {
    const file = join(provider.dir, 'control.log');
    await writeFile(file, `GET /${marker}\n`);
    expect(await scan()).toContain(file);
    await rm(file);
  });

  it('after proxied GETs and CONNECTs carrying the marker, no file mentions it', async () => {
    const creds = await proxyCredentialsFor(provider.accountUrl, provider.regions[0]!.id);
    const server = provider.regions[0]!.servers[0]!;
    const proxy = { host: server.host, port: server.port };
    for (let i = 0; i < 20; i++) {
      const got = await proxyGet(proxy, `http://127.0.0.1:${origin.port}/${marker}?q=${marker}`, creds);
      expect(got.status).toBe(200);
      await proxyGet(proxy, `http://127.0.0.1:${origin.port}/${marker}`); // unauthenticated: 407
      await proxyConnect(proxy, `127.0.0.1:${origin.port}`, creds);
    }
    expect(origin.seen.filter((r) => r.remoteAddress.endsWith('127.0.0.2')).length).toBeGreaterThanOrEqual(20); // it flowed
    expect(await scan()).toEqual([]);
  });
});
