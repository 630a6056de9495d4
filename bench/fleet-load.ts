/**
 * The fleet under load (issue 15): in one run, the fleet of test/support/fleet.ts with ONE
 * account-service node behind HAProxy, then the same with TWO, each node in a process of its own.
 * For each: logins/s (POST /v1/sessions through HAProxy, PostgreSQL, the default scrypt cost), then
 * access tokens/s (directory + blind signature through HAProxy, as the extension mints them) with
 * proxied requests/s through the four Squids with those tokens. Reports two/one and where the CPU
 * went (bench/lib/process-cpu.ts), which is what limits the ratio on a small machine.
 * Used by `npm run bench -- --only fleet-load` and `npx tsx bench/load.ts --fleet`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { DEFAULT_SCRYPT_COST } from '../server/account/passwords.ts';
import { mintTestTokens } from '../server/test-support.ts';
import { FLEET_DEMO, startTestFleet } from '../test/support/fleet.ts';
import type { TestFleet } from '../test/support/fleet.ts';
import { OpRecorder, request } from './lib/load-client.ts';
import type { OpSummary } from './lib/load-client.ts';
import { describeMachine } from './lib/machine.ts';
import { cpuDelta, machineBusyMs, processTree } from './lib/process-cpu.ts';
import type { ProcessCpu } from './lib/process-cpu.ts';
import type { MeasureResult, Row } from './lib/stats.ts';

export interface FleetLoadOptions {
  /** Seconds of each measured phase (logins; tokens + proxied). */
  durationS: number;
  /** Concurrent virtual users. */
  users: number;
  /** Proxied requests per access token. */
  requestsPerToken: number;
}

export const FLEET_LOAD_DEFAULTS: FleetLoadOptions = { durationS: 8, users: 16, requestsPerToken: 20 };

type Op = 'login' | 'token' | 'proxied';

interface Phase {
  elapsedS: number;
  /** CPU ms per part of the fleet during the phase, and the same in cores (ms / elapsed ms). */
  cpuMs: Record<string, number>;
  cores: Record<string, number>;
  /** Cores the whole machine was busy (ours and everyone else's), from /proc/stat. */
  machineBusyCores: number;
  /** 1-minute load average at the end of the phase. */
  loadAverage: number;
}

export interface FleetRun {
  nodes: number;
  login: OpSummary;
  token: OpSummary;
  proxied: OpSummary;
  errors: Record<string, number>;
  phases: { login: Phase; proxied: Phase };
}

const HOST = 'fleet-load.test';
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const progress = (text: string) =>
  process.stderr.write(`[fleet-load ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

/** Which part of the fleet a process belongs to: the nearest ancestor we can name. */
function classifier(fleet: TestFleet, tree: Map<number, ProcessCpu>): (p: ProcessCpu) => string {
  const nodes = new Map(fleet.nodes.map((n) => [n.pid, 'account nodes']));
  return (start) => {
    for (let p: ProcessCpu | undefined = start; p; p = tree.get(p.ppid)) {
      if (p.pid === process.pid) return 'load generator + origin';
      const named = nodes.get(p.pid) ?? (['postgres', 'haproxy', 'squid'].includes(p.comm) ? p.comm : undefined);
      if (named) return named;
    }
    return 'other';
  };
}

/** `users` loops of `user` until the deadline, with the CPU each part of the fleet used meanwhile. */
async function phase(
  fleet: TestFleet,
  options: FleetLoadOptions,
  user: (deadline: number, index: number) => Promise<void>,
): Promise<Phase> {
  const before = processTree();
  const busyBefore = machineBusyMs();
  const started = performance.now();
  const deadline = started + options.durationS * 1000;
  await Promise.all(Array.from({ length: options.users }, (_, i) => user(deadline, i)));
  const elapsedMs = performance.now() - started;
  const after = processTree();
  const cpuMs = cpuDelta(before, after, classifier(fleet, after));
  return {
    elapsedS: round(elapsedMs / 1000),
    cpuMs,
    cores: Object.fromEntries(Object.entries(cpuMs).map(([k, ms]) => [k, round(ms / elapsedMs)])),
    machineBusyCores: round((machineBusyMs() - busyBefore) / elapsedMs),
    loadAverage: round(os.loadavg()[0]!),
  };
}

/** The two phases against the fleet as it is now (fleet.nodes behind its HAProxy). */
async function measure(fleet: TestFleet, options: FleetLoadOptions, originUrl: string): Promise<FleetRun> {
  const nodes = fleet.nodes.length;
  const ops = new OpRecorder<Op>();
  const accountAgent = new http.Agent({ keepAlive: true, maxSockets: options.users });
  const proxyAgent = new http.Agent({ keepAlive: true, maxSockets: options.users });
  const balancer = new URL(fleet.url);
  const body = JSON.stringify(FLEET_DEMO);
  const login = () =>
    request(
      {
        host: balancer.hostname,
        port: balancer.port,
        method: 'POST',
        path: '/v1/sessions',
        headers: { 'content-type': 'application/json' },
        agent: accountAgent,
      },
      body,
    );
  /** A session token for the token phase (logins here are not counted). */
  const signIn = async (deadline: number): Promise<string | undefined> => {
    while (performance.now() < deadline) {
      const answer = await login().catch(() => undefined);
      if (answer?.status === 201) return (JSON.parse(answer.text) as { token: string }).token;
    }
    return undefined;
  };
  try {
    progress(`${nodes} node(s): warm-up`);
    // Not counted: JIT, pg pools, HAProxy's connections to each node.
    await Promise.all(Array.from({ length: 2 * nodes }, () => login().catch(() => undefined)));
    progress(`${nodes} node(s): logins`);
    const loginPhase = await phase(fleet, options, async (deadline) => {
      while (performance.now() < deadline) await ops.step('login', 201, login);
    });
    progress(`${nodes} node(s): tokens + proxied`);
    const squids = [...fleet.squids];
    const sessions = await Promise.all(Array.from({ length: options.users }, () => signIn(performance.now() + 10_000)));
    const proxiedPhase = await phase(fleet, options, async (deadline, index) => {
      // Users spread over the four Squids, each with tokens of that Squid's region.
      const [serverId, squid] = squids[index % squids.length]!;
      const regionId = serverId.replace(/-\d+$/, '');
      const session = sessions[index];
      if (session === undefined) return void ops.fail('token', 'no session');
      while (performance.now() < deadline) {
        const start = performance.now();
        let token: { username: string; password: string } | undefined;
        try {
          [token] = await mintTestTokens(fleet.url, session, [{ regionId }]);
          ops.record('token', performance.now() - start);
        } catch (error) {
          ops.fail('token', (error as Error).message.slice(0, 60));
        }
        if (!token) continue;
        const auth = `Basic ${Buffer.from(`${token.username}:${token.password}`).toString('base64')}`;
        for (let i = 0; i < options.requestsPerToken && performance.now() < deadline; i++) {
          await ops.step('proxied', 200, () =>
            request({
              host: squid.host,
              port: squid.port,
              path: originUrl,
              headers: { 'proxy-authorization': auth },
              agent: proxyAgent,
            }),
          );
        }
      }
    });
    return {
      nodes,
      login: ops.summary('login', loginPhase.elapsedS),
      token: ops.summary('token', proxiedPhase.elapsedS),
      proxied: ops.summary('proxied', proxiedPhase.elapsedS),
      errors: ops.errors,
      phases: { login: loginPhase, proxied: proxiedPhase },
    };
  } finally {
    accountAgent.destroy();
    proxyAgent.destroy();
  }
}

/** Until HAProxy has sent `count` health checks in a row to `node` alone (the others are down). */
async function untilOnly(url: string, node: string, count = 6): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (let inRow = 0; inRow < count;) {
    if (Date.now() > deadline) throw new Error(`HAProxy still sends to nodes other than ${node}`);
    const answer = await fetch(`${url}/healthz`).catch(() => undefined);
    inRow = answer?.headers.get('x-zone-node') === node ? inRow + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What bounds two/one here, in words, from the CPU the login phases used. */
export function limitSentence(nproc: number, one: FleetRun, two: FleetRun): string {
  const ours = (run: FleetRun) =>
    Object.entries(run.phases.login.cores)
      .filter(([, cores]) => cores >= 0.01)
      .sort((a, b) => b[1] - a[1])
      .map(([name, cores]) => `${name} ${cores}`)
      .join(', ');
  const sum = (run: FleetRun) => round(Object.values(run.phases.login.cores).reduce((a, b) => a + b, 0));
  const nodeMsPerLogin = (run: FleetRun) =>
    round((run.phases.login.cpuMs['account nodes'] ?? 0) / Math.max(1, run.login.count));
  const busy = one.phases.login.machineBusyCores;
  const saturated = busy >= 0.9 * nproc;
  return (
    `${nproc} CPUs. Login phase with one node: the machine was ${busy} of ${nproc} cores busy, ` +
    `the bench's processes ${sum(one)} of them (${ours(one)}), the rest other work on the machine ` +
    `(load average ${one.phases.login.loadAverage}); with two nodes ${two.phases.login.machineBusyCores} busy, ` +
    `the bench's ${sum(two)} (${ours(two)}). A login costs about ${nodeMsPerLogin(one)} ms of node CPU ` +
    `(scrypt on libuv's thread pool of 4, so one node alone can use every core). ` +
    (saturated
      ? 'The CPUs were already all busy with one node, so the second node had no idle core to add: ' +
        'on this machine the ratio is bounded by CPU, not by PostgreSQL or HAProxy (each well under a core).'
      : 'The CPUs were not all busy with one node, so the bound was elsewhere (see the CPU per part).')
  );
}

export interface FleetLoadResult {
  machine: { nproc: number; cpuModel: string; node: string; date: string; loadAverage: { before: number[] } };
  options: FleetLoadOptions;
  kdf: string;
  limits: string;
  runs: FleetRun[];
  ratio: { logins: number; tokens: number; proxied: number };
  limit: string;
}

export async function runFleetLoad(options: FleetLoadOptions = FLEET_LOAD_DEFAULTS): Promise<FleetLoadResult> {
  const machine = describeMachine();
  const loadBefore = os.loadavg().map((l) => round(l));
  const origin = http.createServer((_req, res) => res.end('ok'));
  origin.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const originUrl = `http://${HOST}:${(origin.address() as AddressInfo).port}/`;
  try {
    progress('starting the fleet: PostgreSQL, 2 nodes, HAProxy, 4 Squids');
    const fleet = await startTestFleet({
      nodes: 2,
      processes: true, // as on separate machines: no shared event loop or thread pool
      passwordCost: DEFAULT_SCRYPT_COST,
      // Every virtual user signs in as the one demo account from 127.0.0.1: the limits are raised
      // (the rows are still counted in PostgreSQL on every login) so that no answer is a 429.
      loginRateLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
      tokensPerEpoch: 1_000_000,
      squids: { hostNames: [HOST] },
    });
    let one: FleetRun;
    let two: FleetRun;
    try {
      two = await measure(fleet, options, originUrl);
      // The same fleet, database and Squids with one node: node2 stops, HAProxy marks it down.
      await fleet.stopNode('node2');
      await untilOnly(fleet.url, 'node1');
      one = await measure(fleet, options, originUrl);
    } finally {
      await fleet.dispose();
    }
    const ratio = (f: (r: FleetRun) => number) => round(f(two) / f(one));
    const { N, r, p } = DEFAULT_SCRYPT_COST;
    return {
      machine: {
        nproc: machine.nproc,
        cpuModel: machine.cpuModel,
        node: machine.node,
        date: machine.date,
        loadAverage: { before: loadBefore },
      },
      options,
      kdf: `scrypt N=${N} r=${r} p=${p} (DEFAULT_SCRYPT_COST, server/account/passwords.ts)`,
      limits:
        'one account (demo) for every virtual user, from 127.0.0.1: the login limit is raised to ' +
        'Number.MAX_SAFE_INTEGER per minute and tokens per epoch to 1,000,000 (startTestFleet options); ' +
        'every login still counts its rows in PostgreSQL',
      runs: [one, two],
      ratio: {
        logins: ratio((x) => x.login.perSecond),
        tokens: ratio((x) => x.token.perSecond),
        proxied: ratio((x) => x.proxied.perSecond),
      },
      limit: limitSentence(machine.nproc, one, two),
    };
  } finally {
    origin.closeAllConnections();
    await new Promise((resolve) => origin.close(resolve));
  }
}

/** The figures as rows of `npm run bench` (bench/run.ts). */
export function fleetLoadRows(result: FleetLoadResult): Row[] {
  const [one, two] = result.runs as [FleetRun, FleetRun];
  const enoughCores = result.machine.nproc >= 4;
  const pair = (what: string, unit: string, f: (r: FleetRun) => number, goal?: string): Row[] => [
    { measure: 'fleet-load', name: `${what}, 1 node`, value: f(one), unit },
    {
      measure: 'fleet-load',
      name: `${what}, 2 nodes (baseline: 1 node)`,
      value: f(two),
      unit,
      baseline: f(one),
      ratio: round(f(two) / f(one)),
      ...(goal ? { goal, pass: enoughCores ? f(two) / f(one) >= 1.6 : undefined } : {}),
      ...(goal && !enoughCores ? { note: `${result.machine.nproc} cores: goal not judged` } : {}),
    },
  ];
  return [
    ...pair('logins via HAProxy', 'logins/s', (r) => r.login.perSecond, '>= 1.6x 1 node (>= 4 cores)'),
    ...pair('access tokens via HAProxy', 'tokens/s', (r) => r.token.perSecond),
    ...pair('proxied requests via Squid', 'req/s', (r) => r.proxied.perSecond),
  ];
}

export async function measureFleetLoad(): Promise<MeasureResult> {
  const result = await runFleetLoad();
  // Failed requests are figures too (in details.runs[].errors), not a failure to run.
  return { measure: 'fleet-load', rows: fleetLoadRows(result), details: { ...result } };
}
