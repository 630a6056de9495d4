/**
 * What a provider runs past one machine, on loopback: a real PostgreSQL (test/support/postgres.ts),
 * N account-service nodes on its one database, and a real HAProxy (Debian's `haproxy` 2.6) in
 * front, round-robin with health checks. Its config is generated into a temp dir (the template a
 * self-hoster copies is server/config/haproxy.cfg.example). Nodes list servers they do not run:
 * with `squids`, two regions of two real Squids each (test/support/squid.ts), checking tokens with
 * the token helper and the issuer's public directory only.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { TokenIssuer } from '../../server/tokens/issuer.ts';
import { generateIssuerKeyPem, issuerKeyFromPem } from '../../server/tokens/issuer-key.ts';
import { freePort } from './ports.ts';
import { startSquid } from './squid.ts';
import type { RunningSquid } from './squid.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../server/config.ts';
import { startProvider } from '../../server/provider.ts';
import type { ProviderOptions } from '../../server/provider.ts';
import type { RateLimitOptions } from '../../server/account/rate-limit.ts';
import type { ScryptCost } from '../../server/account/passwords.ts';
import { startTestPostgres } from './postgres.ts';
import type { TestPostgres } from './postgres.ts';

export const HAPROXY_BIN = '/usr/sbin/haproxy';
const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends haproxy';

export const FLEET_DEMO = { email: 'demo@zone.test', password: 'correct horse battery staple' };

export interface TestFleet {
  /** The account service as the extension sees it: HAProxy's address. */
  url: string;
  postgres: TestPostgres;
  /** The running nodes, named node1… in HAProxy (answers carry X-Zone-Node: <name>). */
  readonly nodes: FleetNode[];
  /** Stops node `name` (e.g. 'node1'); HAProxy then sends everything to the others. */
  stopNode(name: string): Promise<void>;
  /**
   * Takes node `name` out of HAProxy's rotation (maintenance) or puts it back, through HAProxy's
   * runtime API; resolves once health checks reach exactly the nodes in rotation.
   */
  setNodeEnabled(name: string, enabled: boolean): Promise<void>;
  /** The names of the running nodes HAProxy sends requests to. */
  readonly inRotation: string[];
  /** With `squids`: each Squid by server id (nl-ams-1, nl-ams-2, jp-tyo-1, jp-tyo-2). */
  squids: Map<string, RunningSquid>;
  dispose(): Promise<void>;
}

export interface FleetNode {
  name: string;
  accountUrl: string;
  /** The process it runs in: this one, or its own with `processes`. */
  pid: number;
  close(): Promise<void>;
}

export async function startTestFleet(
  options: {
    nodes?: number;
    loginRateLimit?: RateLimitOptions;
    /** Two regions of two Squids each; `hostNames`: the names they resolve (to 127.0.0.1). */
    squids?: { hostNames: string[] };
    /** Where HAProxy listens (default: a free port). */
    port?: number;
    /** Each node in a process of its own (test/support/fleet-node.ts), as on its own machine. */
    processes?: boolean;
    /** Blind signatures per account and epoch (default the service's). */
    tokensPerEpoch?: number;
    /** The nodes' scrypt cost (default the cheap test cost N=1024; the bench uses the default). */
    passwordCost?: ScryptCost;
  } = {},
): Promise<TestFleet> {
  if (!existsSync(HAPROXY_BIN))
    throw new Error(`HAProxy is not installed (${HAPROXY_BIN} missing): run \`${INSTALL}\``);
  const dir = mkdtempSync(join(tmpdir(), 'zone-fleet-'));
  const nodes = new Map<string, FleetNode>();
  const squids = new Map<string, RunningSquid>();
  let postgres: TestPostgres | undefined;
  let haproxy: ChildProcess | undefined;
  const dispose = async (): Promise<void> => {
    if (haproxy && haproxy.exitCode === null) {
      const exited = new Promise((resolve) => haproxy?.once('exit', resolve));
      haproxy.kill('SIGTERM');
      await exited;
    }
    await Promise.allSettled([...nodes.values()].map((n) => n.close()));
    await Promise.allSettled([...squids.values()].map((q) => q.stop()));
    await postgres?.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    postgres = await startTestPostgres();
    const database = await postgres.createDatabase('zone');
    // One issuer key for every node; the Squids get only its public directory.
    const keyFile = join(dir, 'token-issuer-key.pem');
    const pem = generateIssuerKeyPem();
    writeFileSync(keyFile, pem, { mode: 0o600 });
    const directory = new TokenIssuer({
      name: 'zone-vpn',
      epochSeconds: 3600,
      keys: [issuerKeyFromPem(pem)],
    }).directory(Date.now());
    const regionList = [
      { id: 'nl-ams', name: 'Netherlands', country: 'NL', city: 'Amsterdam' },
      { id: 'jp-tyo', name: 'Japan', country: 'JP', city: 'Tokyo' },
    ];
    const regions = [];
    for (const region of options.squids ? regionList : regionList.slice(0, 1)) {
      const servers = [];
      for (const n of options.squids ? [1, 2] : [1]) {
        const id = `${region.id}-${n}`;
        let port = 3128;
        if (options.squids) {
          const squid = await startSquid({ directory, regionId: region.id, hostNames: options.squids.hostNames });
          squids.set(id, squid);
          port = squid.port;
        }
        servers.push({ id, host: '127.0.0.1', port, scheme: 'http', managed: false });
      }
      regions.push({ ...region, servers });
    }
    const config = parseConfig({
      // Only HAProxy (on loopback) may say who the client is.
      accountService: { host: '127.0.0.1', port: 0, trustProxy: ['127.0.0.1'] },
      regions,
    });
    // One after the other: the first migrates the database.
    for (let i = 1; i <= (options.nodes ?? 2); i++) {
      const nodeOptions: ProviderOptions = {
        config,
        database,
        demoAccount: FLEET_DEMO,
        rateLimitKey: 'fleet-rate-limit-key-0123456789',
        tokenKey: { file: keyFile }, // one key for every node
        passwordCost: options.passwordCost ?? { N: 1024, r: 8, p: 1 },
        loginRateLimit: options.loginRateLimit,
        tokensPerEpoch: options.tokensPerEpoch,
      };
      const name = `node${i}`;
      if (options.processes) nodes.set(name, await startNodeProcess(name, nodeOptions));
      else {
        const node = await startProvider(nodeOptions);
        nodes.set(name, { name, accountUrl: node.accountUrl, pid: process.pid, close: () => node.close() });
      }
    }
    const port = options.port ?? (await freePort());
    const cfg = join(dir, 'haproxy.cfg');
    writeFileSync(
      cfg,
      [
        'global',
        '    maxconn 256',
        // The runtime API, for setNodeEnabled (a local socket in the fleet's temp dir).
        `    stats socket ${join(dir, 'haproxy.sock')} level admin`,
        'defaults',
        '    mode http',
        '    timeout connect 2s',
        '    timeout client 10s',
        '    timeout server 10s',
        '    option forwardfor',
        '    retries 2',
        '    option redispatch',
        'frontend account',
        `    bind 127.0.0.1:${port}`,
        '    default_backend account_nodes',
        'backend account_nodes',
        '    balance roundrobin',
        '    option httpchk GET /healthz',
        '    http-check expect status 200',
        '    default-server check inter 500ms fall 1 rise 1',
        // For the tests only: which node answered.
        '    http-response set-header X-Zone-Node %[srv_name]',
        ...[...nodes].map(([name, node]) => `    server ${name} ${new URL(node.accountUrl).host}`),
        '',
      ].join('\n'),
    );
    let log = '';
    haproxy = spawn(HAPROXY_BIN, ['-db', '-f', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
    haproxy.stdout?.setEncoding('utf8').on('data', (c: string) => (log = (log + c).slice(-4000)));
    haproxy.stderr?.setEncoding('utf8').on('data', (c: string) => (log = (log + c).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const proc = haproxy;
    const haproxyLog = (): string => log;
    const disabled = new Set<string>();
    const inRotation = (): string[] => [...nodes.keys()].filter((name) => !disabled.has(name));
    await untilNodesAnswer(url, inRotation(), proc, haproxyLog);
    return {
      url,
      postgres,
      get nodes() {
        return [...nodes.values()];
      },
      get inRotation() {
        return inRotation();
      },
      squids,
      setNodeEnabled: async (name, enabled) => {
        if (!nodes.has(name)) throw new Error(`No node "${name}"`);
        if (enabled) disabled.delete(name);
        else disabled.add(name);
        const answer = await haproxyCommand(
          join(dir, 'haproxy.sock'),
          `${enabled ? 'enable' : 'disable'} server account_nodes/${name}`,
        );
        if (answer.trim()) throw new Error(`haproxy: ${answer.trim()}`);
        await untilNodesAnswer(url, inRotation(), proc, haproxyLog);
      },
      stopNode: async (name) => {
        const node = nodes.get(name);
        if (!node) throw new Error(`No node "${name}"`);
        nodes.delete(name);
        await node.close();
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A node in its own process; close() ends its stdin and waits for it to exit. */
async function startNodeProcess(name: string, options: ProviderOptions): Promise<FleetNode> {
  const entry = fileURLToPath(new URL('./fleet-node.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin!.on('error', () => undefined); // it may have exited already
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  if (first.done) throw new Error(`${name} exited before it listened (code ${child.exitCode})`);
  const { accountUrl } = JSON.parse(first.value as string) as { accountUrl: string };
  return {
    name,
    accountUrl,
    pid: child.pid!,
    close: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

/** One command to HAProxy's runtime API (the stats socket); resolves to its answer. */
function haproxyCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const client = connect(socket, () => client.end(`${command}\n`));
    client.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    client.on('end', () => resolve(answer));
    client.on('error', reject);
  });
}

/**
 * Until health checks through HAProxy have reached every node in `names` and, 6 times in a row,
 * no other; fails early when HAProxy has exited.
 */
async function untilNodesAnswer(url: string, names: string[], proc: ChildProcess, log: () => string): Promise<void> {
  const seen = new Set<string>();
  let clean = 0;
  const deadline = Date.now() + 15_000;
  while (seen.size < names.length || clean < 6) {
    if (proc.exitCode !== null) throw new Error(`haproxy exited (${proc.exitCode}):\n${log()}`);
    if (Date.now() > deadline) throw new Error(`haproxy did not settle on ${names.join(', ')}:\n${log()}`);
    const node = await fetch(`${url}/healthz`).then(
      (answer) => (answer.status === 200 ? answer.headers.get('x-zone-node') : null),
      () => null, // not listening yet
    );
    if (node && names.includes(node)) {
      seen.add(node);
      clean += 1;
    } else clean = 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
