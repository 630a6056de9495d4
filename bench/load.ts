/**
 * Bounded load test of the provider on loopback: N virtual users each loop
 *   log in -> mint an access token -> K plain-HTTP requests through a proxy to a local origin
 * for a fixed time, then print throughput, latency percentiles and errors, and write
 * bench/load-results.json. Plain node:http with keep-alive agents; no external tool.
 *
 *   npx tsx bench/load.ts [--duration 10] [--users 20] [--requests 10] [--kdf fast|default]
 *                         [--proxy reference|squid] [--out bench/load-results.json]
 *   npx tsx bench/load.ts --fleet [--duration 6] [--users 16] [--requests 20]   (bench/fleet-load-cli.ts)
 *
 * The provider runs in a child process (bench/load-provider.ts), so it and this generator each
 * get an event loop; on a 2-core machine they still share the CPU, so figures are lower bounds.
 * Everyone logs in as one account (the login rate limit is raised for that).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mintTestTokens } from '../server/test-support.ts';
import type { IssuerDirectory } from '../server/tokens/issuer.ts';
import { startSquid } from '../test/support/squid.ts';
import { OpRecorder, request } from './lib/load-client.ts';
import { cpuMsOf } from './lib/process-cpu.ts';

if (process.argv.includes('--fleet')) {
  // The fleet (PostgreSQL, HAProxy, 1 then 2 nodes, Squids): bench/fleet-load.ts.
  await import('./fleet-load-cli.ts');
  process.exit(0);
}

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    users: { type: 'string', default: '20' },
    requests: { type: 'string', default: '10' },
    kdf: { type: 'string', default: 'fast' },
    proxy: { type: 'string', default: 'reference' },
    out: { type: 'string', default: fileURLToPath(new URL('./load-results.json', import.meta.url)) },
  },
  strict: true,
});
const durationS = Number(args.duration);
const users = Number(args.users);
const perLogin = Number(args.requests);
// --requests 0 measures the account service alone.
if (![durationS, users].every((n) => n > 0) || !(perLogin >= 0) || durationS > 600 || users > 1000) {
  throw new Error('--duration (s, <= 600) and --users (<= 1000) must be positive, --requests >= 0');
}
if (!['fast', 'default'].includes(args.kdf) || !['reference', 'squid'].includes(args.proxy)) {
  throw new Error('--kdf is fast or default; --proxy is reference or squid');
}

type Op = 'login' | 'token' | 'proxied';
const ops = new OpRecorder<Op>();

// --- the pieces: origin, provider (child process), optional Squid -------------------------------
const origin = http.createServer((_req, res) => res.end('ok'));
origin.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
const originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/`;

const account = { email: 'load@zone.test', password: 'load-test-password' };
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./load-provider.ts', import.meta.url)),
    JSON.stringify({ ...account, fastKdf: args.kdf === 'fast' }),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const childLines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const ready = JSON.parse((await childLines.next()).value as string) as {
  accountUrl: string;
  proxy: { host: string; port: number };
};
const directory = (await (
  await fetch(`${ready.accountUrl}/.well-known/private-token-issuer-directory`)
).json()) as IssuerDirectory;
const squid =
  args.proxy === 'squid' ? await startSquid({ directory, regionId: 'bench', hostNames: ['bench.test'] }) : undefined;
const proxy = squid ? { host: squid.host, port: squid.port } : ready.proxy;

// --- virtual users -----------------------------------------------------------------------------
const accountAgent = new http.Agent({ keepAlive: true, maxSockets: users });
const proxyAgent = new http.Agent({ keepAlive: true, maxSockets: users });

const api = new URL(ready.accountUrl);
const apiCall = (method: string, path: string, headers: Record<string, string>, body?: string) => () =>
  request({ host: api.hostname, port: api.port, method, path, headers, agent: accountAgent }, body);

async function virtualUser(deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    const login = JSON.stringify(account);
    const session = await ops.step(
      'login',
      201,
      apiCall('POST', '/v1/sessions', { 'content-type': 'application/json' }, login),
    );
    if (session === undefined) continue;
    const sessionToken = (JSON.parse(session) as { token: string }).token;
    // One token as the extension mints it: directory, blinded request, signature, finalize.
    const start = performance.now();
    let issued: { username: string; password: string } | undefined;
    try {
      [issued] = await mintTestTokens(ready.accountUrl, sessionToken, [{ regionId: 'bench' }]);
      ops.record('token', performance.now() - start);
    } catch (error) {
      ops.fail('token', (error as Error).message.slice(0, 60));
    }
    if (issued === undefined) continue;
    const { username, password } = issued;
    const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    for (let i = 0; i < perLogin && performance.now() < deadline; i++) {
      await ops.step('proxied', 200, () =>
        request({ ...proxy, path: originUrl, headers: { 'proxy-authorization': auth }, agent: proxyAgent }),
      );
    }
  }
}

const loadBefore = os.loadavg()[0]!;
const squidCpuStart = squid ? cpuMsOf(squid.pid) : 0;
const started = performance.now();
await Promise.all(Array.from({ length: users }, () => virtualUser(started + durationS * 1000)));
const elapsedS = (performance.now() - started) / 1000;
const squidCpuMs = squid ? cpuMsOf(squid.pid) - squidCpuStart : undefined;

// --- tear down and report ----------------------------------------------------------------------
child.stdin!.end();
const cpu = JSON.parse((await childLines.next()).value as string) as { cpuUserMs: number; cpuSystemMs: number };
accountAgent.destroy();
proxyAgent.destroy();
await Promise.all([squid?.stop(), new Promise((resolve) => origin.close(resolve))]);
origin.closeAllConnections();

const round = (n: number) => Math.round(n * 100) / 100;
const summary = (op: Op) => ops.summary(op, elapsedS);
const results = {
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    // 1-minute load average before and after: other work on the machine skews the figures.
    loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0]!) },
  },
  options: { durationS, users, requestsPerLogin: perLogin, kdf: args.kdf, proxy: args.proxy },
  elapsedS: round(elapsedS),
  login: summary('login'),
  token: summary('token'),
  proxied: summary('proxied'),
  errors: ops.errors,
  // CPU used during the run by the provider process (account service + reference proxy) and Squid.
  cpuMs: {
    provider: round(cpu.cpuUserMs + cpu.cpuSystemMs),
    ...(squidCpuMs === undefined ? {} : { squid: squidCpuMs }),
  },
};
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);

const line = (name: string, s: ReturnType<typeof summary>) =>
  `${name.padEnd(12)} ${String(s.perSecond).padStart(9)}/s  p50 ${s.p50Ms} ms  p95 ${s.p95Ms} ms  p99 ${s.p99Ms} ms  (${s.count})`;
console.log(
  `Zone VPN load: ${users} users x ${perLogin} requests/login, ${round(elapsedS)} s, kdf ${args.kdf}, proxy ${args.proxy}`,
);
console.log(line('logins', results.login));
console.log(line('token', results.token));
console.log(line('proxied', results.proxied));
console.log(
  `load avg     ${results.machine.loadAverage.before} -> ${results.machine.loadAverage.after} (${os.cpus().length} CPUs)`,
);
console.log(`errors       ${Object.keys(ops.errors).length ? JSON.stringify(ops.errors) : 'none'}`);
console.log(
  `cpu          provider ${results.cpuMs.provider} ms${squidCpuMs === undefined ? '' : `, squid ${squidCpuMs} ms`}`,
);
console.log(`written      ${args.out}`);
