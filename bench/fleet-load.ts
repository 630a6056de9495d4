/**
 * The fleet under load (issue 15): in one run, the fleet of test/support/fleet.ts with ONE
 * account-service node in HAProxy's rotation, then TWO, then ONE again, each node in a process of
 * its own.
 * For each: logins/s (POST /v1/sessions through HAProxy, PostgreSQL, the default scrypt cost), then
 * access tokens/s (directory + blind signature through HAProxy, as the extension mints them) with
 * proxied requests/s through the four Squids with those tokens. Reports two/one and where the CPU
 * went (bench/lib/process-cpu.ts), which is what limits the ratio on a small machine.
 * Used by `npm run bench -- --only fleet-load` and `npx tsx bench/load.ts --fleet`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { DEFAULT_SCRYPT_COST, MAX_CONCURRENT_KDF } from '../server/account/passwords.ts';
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

/**
 * 6 s per phase, six phases (1, 2, 1 nodes × logins, tokens) plus the fleet's start: 105-125 s in
 * all on the shared 2-CPU machine of docs/deploy.md (load average ~10), where each phase also waits
 * seconds for the logins in flight at its deadline.
 */
export const FLEET_LOAD_DEFAULTS: FleetLoadOptions = { durationS: 6, users: 16, requestsPerToken: 20 };

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
  const nodes = fleet.inRotation.length;
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

/** Node CPU (ms, all nodes) per successful login in a run's login phase. */
export const nodeMsPerLogin = (run: FleetRun): number =>
  round((run.phases.login.cpuMs['account nodes'] ?? 0) / Math.max(1, run.login.count), 0);

/** Whether a login cost more node CPU with two nodes than with one (shared work would show here). */
function perLoginChange(runs: FleetRun[]): string {
  const one = runs.filter((run) => run.nodes === 1).map(nodeMsPerLogin);
  const two = runs.filter((run) => run.nodes === 2).map(nodeMsPerLogin);
  const change = round(
    (100 * (two.reduce((a, b) => a + b, 0) / two.length)) / (one.reduce((a, b) => a + b, 0) / one.length) - 100,
    0,
  );
  return Math.abs(change) <= 15
    ? `The CPU per login is the same with two nodes (${change >= 0 ? '+' : ''}${change}%): no shared part slows a node down.`
    : `The CPU per login changed by ${change}% with two nodes.`;
}

/** What bounds two/one here, in words, from the CPU the login phases used. */
export function limitSentence(nproc: number, runs: FleetRun[]): string {
  const cores = (run: FleetRun, part: string) => run.phases.login.cores[part] ?? 0;
  const each = (f: (run: FleetRun) => string) =>
    runs.map((run) => `${f(run)} (${run.nodes} node${run.nodes > 1 ? 's' : ''})`);
  const busiest = Math.max(...runs.map((run) => run.phases.login.machineBusyCores));
  const idle = Math.min(...runs.map((run) => run.phases.login.machineBusyCores)) < 0.9 * nproc;
  const others = (run: FleetRun) =>
    round(['postgres', 'haproxy', 'squid', 'load generator + origin'].reduce((sum, part) => sum + cores(run, part), 0));
  return (
    `${nproc} CPUs, up to ${busiest} of them busy during the login phases (all processes on the machine; ` +
    `load average ${runs.map((run) => run.phases.login.loadAverage).join(', ')}). ` +
    `The account nodes got ${each((run) => `${cores(run, 'account nodes')} cores`).join(', ')} and spent ` +
    `${each((run) => `${nodeMsPerLogin(run)} ms`).join(', ')} of CPU per login (scrypt, at most ${MAX_CONCURRENT_KDF} at once per node on libuv's ` +
    `thread pool, so one node alone can keep ${MAX_CONCURRENT_KDF} cores busy); PostgreSQL, HAProxy, the Squids and the ` +
    `generator together used ${each((run) => `${others(run)}`).join(', ')} cores. ` +
    (idle
      ? 'Some CPU was idle in a login phase, so look at the CPU per part for the bound.'
      : 'So logins/s is the CPU the nodes got divided by the CPU a login costs, whatever the number of ' +
        'nodes: the second node adds no core on this machine, the cores were already all busy (with ' +
        'other work too), and the ratio only follows how much CPU the nodes got in each phase. ' +
        perLoginChange(runs))
  );
}

export interface FleetLoadResult {
  machine: { nproc: number; cpuModel: string; node: string; date: string; loadAverage: { before: number[] } };
  options: FleetLoadOptions;
  kdf: string;
  limits: string;
  /** In the order measured: 1 node, 2 nodes, 1 node again. */
  runs: FleetRun[];
  /** 2 nodes / the mean of the two 1-node runs. */
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
    // One node, two, one again: the same fleet, database and Squids, node2 taken out of HAProxy's
    // rotation and put back (its process idles meanwhile). Two one-node runs around the two-node
    // one, so that a drift of the machine's other load over the run does not read as a ratio.
    const runs: FleetRun[] = [];
    try {
      for (const nodes of [1, 2, 1]) {
        await fleet.setNodeEnabled('node2', nodes === 2);
        runs.push(await measure(fleet, options, originUrl));
      }
    } finally {
      await fleet.dispose();
    }
    const [one, two, oneAgain] = runs as [FleetRun, FleetRun, FleetRun];
    const ratio = (f: (r: FleetRun) => number) => round(f(two) / ((f(one) + f(oneAgain)) / 2));
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
      runs,
      ratio: {
        logins: ratio((x) => x.login.perSecond),
        tokens: ratio((x) => x.token.perSecond),
        proxied: ratio((x) => x.proxied.perSecond),
      },
      limit: limitSentence(machine.nproc, runs),
    };
  } finally {
    origin.closeAllConnections();
    await new Promise((resolve) => origin.close(resolve));
  }
}

/** The figures as rows of `npm run bench` (bench/run.ts). */
export function fleetLoadRows(result: FleetLoadResult): Row[] {
  const [one, two, oneAgain] = result.runs as [FleetRun, FleetRun, FleetRun];
  const enoughCores = result.machine.nproc >= 4;
  const pair = (what: string, unit: string, f: (r: FleetRun) => number, goal?: string): Row[] => [
    {
      measure: 'fleet-load',
      name: `${what}, 1 node (mean of the runs before and after 2 nodes)`,
      value: round((f(one) + f(oneAgain)) / 2),
      unit,
      runs: 2,
    },
    {
      measure: 'fleet-load',
      name: `${what}, 2 nodes (baseline: 1 node)`,
      value: f(two),
      unit,
      baseline: round((f(one) + f(oneAgain)) / 2),
      ratio: round(f(two) / ((f(one) + f(oneAgain)) / 2)),
      ...(goal ? { goal, pass: enoughCores ? f(two) / ((f(one) + f(oneAgain)) / 2) >= 1.6 : undefined } : {}),
      ...(goal && !enoughCores ? { note: `${result.machine.nproc} cores: goal not judged` } : {}),
    },
  ];
  return [
    ...pair('logins via HAProxy', 'logins/s', (r) => r.login.perSecond, '>= 1.6x 1 node (>= 4 cores)'),
    ...pair('access tokens via HAProxy', 'tokens/s', (r) => r.token.perSecond),
    ...pair('proxied requests via Squid', 'req/s', (r) => r.proxied.perSecond),
    ...pair('node CPU per login', 'ms', nodeMsPerLogin),
  ];
}

export async function measureFleetLoad(): Promise<MeasureResult> {
  const result = await runFleetLoad();
  // Failed requests are figures too (in details.runs[].errors), not a failure to run.
  return { measure: 'fleet-load', rows: fleetLoadRows(result), details: { ...result } };
}
