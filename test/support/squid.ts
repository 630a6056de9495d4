/**
 * A real Squid (Debian's `squid` package) on a free loopback port, authenticating with the Zone VPN
 * token helper (server/squid/zone-basic-auth) and the issuer's public directory, and an account
 * service whose only region lists that Squid: the provider's side of "a fleet of standard proxies".
 *
 * Squid runs in the foreground (`squid -N -f CONF`) from a temp folder owned by `proxy`, Squid's
 * effective user when started as root. Upstream sockets leave from 127.0.0.2 (the leak oracle of
 * origin.ts); the test names are mapped in a hosts_file (it has no wildcards). No cache, no
 * access log. Not installed is a failure, not a skip: scripts/ensure-browsers.mjs installs it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PasswordHasher } from '../../server/account/passwords';
import { startAccountService } from '../../server/account/service';
import { AccountStore } from '../../server/account/store';
import { TokenIssuer } from '../../server/tokens/issuer';
import type { IssuerDirectory } from '../../server/tokens/issuer';
import { generateIssuerKeyPem, issuerKeyFromPem } from '../../server/tokens/issuer-key';
import { mintTestTokens } from '../../server/test-support';
import type { Region } from '../../src/shared/provider-types';
import { ROOT } from './paths';
import { DEMO } from './provider';

export const SQUID_BIN = '/usr/sbin/squid';
export const HELPER = `${ROOT}server/squid/zone-basic-auth`;

export interface RunningSquid {
  host: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export function requireSquid(): void {
  if (!existsSync(SQUID_BIN)) {
    throw new Error(
      `Squid is not installed (${SQUID_BIN} missing): run \`apt-get install squid\` (npm test installs it as root)`,
    );
  }
}

import { freePort } from './ports';
export { freePort };

/** A token issuer with a fresh key, shared by a Squid (its public directory) and an account service. */
export function newTokenIssuer(epochSeconds = 3600): TokenIssuer {
  return new TokenIssuer({ name: 'zone-vpn', epochSeconds, keys: [issuerKeyFromPem(generateIssuerKeyPem())] });
}

export async function startSquid(options: {
  /** What the helper reads: the issuer directory as served, and the region this Squid serves. */
  directory: IssuerDirectory;
  regionId: string;
  /** Names the test loads through Squid; all map to 127.0.0.1. */
  hostNames: string[];
  port?: number;
  outgoingAddress?: string;
}): Promise<RunningSquid> {
  requireSquid();
  const host = '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const dir = mkdtempSync(join(tmpdir(), 'zone-squid-'));
  const file = (name: string) => join(dir, name);
  writeFileSync(file('issuer.json'), JSON.stringify(options.directory), { mode: 0o644 });
  writeFileSync(file('hosts'), `127.0.0.1 ${options.hostNames.join(' ')}\n`);
  writeFileSync(
    file('squid.conf'),
    [
      `http_port ${host}:${port}`,
      `visible_hostname zone-squid-test`,
      `pid_filename ${file('squid.pid')}`,
      `cache_log ${file('cache.log')}`,
      `coredump_dir ${dir}`,
      'access_log none',
      'netdb_filename none',
      'pinger_enable off',
      `hosts_file ${file('hosts')}`,
      // Same helper and settings as server/squid/squid.conf.example, with concurrency on.
      `auth_param basic program ${HELPER} ${file('issuer.json')} ${options.regionId}`,
      'auth_param basic children 2 startup=1 idle=1 concurrency=8',
      'auth_param basic realm Zone VPN',
      'auth_param basic casesensitive on', // Squid lower-cases usernames by default
      'auth_param basic credentialsttl 1 minute',
      'acl zone_users proxy_auth REQUIRED',
      'http_access allow zone_users',
      'http_access deny all',
      `tcp_outgoing_address ${options.outgoingAddress ?? '127.0.0.2'}`,
      'cache deny all',
      'forwarded_for delete',
      'via off',
      'shutdown_lifetime 0 seconds',
    ].join('\n') + '\n',
  );
  // As root Squid switches to `proxy`, which must write the folder and read the directory.
  if (userInfo().uid === 0) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'proxy'], { encoding: 'utf8' })));
    for (const name of ['', 'issuer.json', 'hosts', 'squid.conf']) chownSync(join(dir, name), uid!, gid!);
  }

  let stderr = '';
  const child: ChildProcess = spawn(SQUID_BIN, ['-N', '-f', file('squid.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(host, port, () => child.exitCode !== null);
  } catch (error) {
    const log = existsSync(file('cache.log')) ? readFileSync(file('cache.log'), 'utf8') : '';
    await stop();
    throw new Error(`Squid did not start: ${(error as Error).message}\n${stderr}\n${log.slice(-2000)}`, {
      cause: error,
    });
  }
  return { host, port, pid: child.pid!, stop };
}

async function waitForPort(host: string, port: number, gaveUp: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (gaveUp()) throw new Error('the process exited');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host, () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SquidAccountService {
  accountUrl: string;
  regions: Region[];
  issuer: TokenIssuer;
  /** Blind signatures issued so far (the extension fetches tokens ahead of need and on a refusal). */
  issued: () => number;
  /** Mints a token for a region through this service (a demo-account session), as the extension does. */
  mint(regionId: string, epoch?: number): Promise<{ username: string; password: string }>;
  close(): Promise<void>;
}

/**
 * The reference account service (demo account DEMO, token issuer `issuer`) listing the given
 * servers as region `sq-local`, or the given `regions` (any proxies that run elsewhere, e.g. the
 * hostile-proxy oracle). startProvider cannot do this: it starts its own proxy for every server.
 */
export async function startSquidAccountService(
  options: { issuer?: TokenIssuer } & ({ servers: Region['servers'] } | { regions: Region[] }),
): Promise<SquidAccountService> {
  const dir = mkdtempSync(join(tmpdir(), 'zone-squid-account-'));
  const store = await AccountStore.open(join(dir, 'provider.sqlite'));
  const passwords = new PasswordHasher({ N: 1024, r: 8, p: 1 });
  const issuer = options.issuer ?? newTokenIssuer();
  let issued = 0;
  const counting = Object.create(issuer) as TokenIssuer;
  counting.sign = (request: string) => {
    issued += 1;
    return issuer.sign(request);
  };
  const regions: Region[] =
    'regions' in options
      ? structuredClone(options.regions)
      : [{ id: 'sq-local', name: 'Squid', country: 'NL', city: 'Loopback', servers: options.servers }];
  await store.upsertUser({
    email: DEMO.email,
    password_hash: await passwords.hash(DEMO.password),
    plan: 'premium',
    plan_expires_at: null,
  });
  const service = await startAccountService({
    host: '127.0.0.1',
    port: 0,
    store,
    issuer: counting,
    passwords,
    regions: () => structuredClone(regions),
  });
  let session: Promise<string> | null = null;
  return {
    accountUrl: service.url,
    regions,
    issuer,
    issued: () => issued,
    mint: async (regionId, epoch) => {
      session ??= fetch(`${service.url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(DEMO),
      }).then(async (res) => ((await res.json()) as { token: string }).token);
      const before = issued;
      const [token] = await mintTestTokens(service.url, await session, [
        { regionId, ...(epoch === undefined ? {} : { epoch }) },
      ]);
      issued = before; // the test's own tokens are not the extension's
      if (!token) throw new Error('no token');
      return { username: token.username, password: token.password };
    },
    close: async () => {
      await service.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
