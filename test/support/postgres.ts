/**
 * A real PostgreSQL 15 (Debian's `postgresql` package) for tests, started by the test itself:
 * a fresh cluster in a temporary directory, listening on 127.0.0.1 on a free port with a private
 * unix-socket directory, removed after. Nothing touches the system-wide cluster.
 * PostgreSQL refuses to run as root, so initdb and postgres run as the `postgres` user the package
 * creates (setpriv execs, so the pid we hold is the postmaster's own and signals reach it).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends postgresql';
const SUPERUSER = 'zone_test';

export interface TestPostgres {
  port: number;
  /** postgres://…@127.0.0.1:port/<database> */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (clients are disconnected); the data stays for start(). */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
  /** The cluster's data directory (what the server keeps on disk). */
  dataDir: string;
  /** Everything the server logged since start, with every statement when `logStatements` was set. */
  serverLog(): string;
}

/** `logStatements`: log every statement and its parameters (the unlinkability audit reads them). */
export async function startTestPostgres(options: { logStatements?: boolean } = {}): Promise<TestPostgres> {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/postgres missing): run \`${INSTALL}\``);
  }
  const runAs = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'zone-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  mkdirSync(sockets, { mode: 0o700 });
  writeFileSync(join(dir, 'pwfile'), `${password}\n`, { mode: 0o600 });
  for (const path of [dir, sockets, join(dir, 'pwfile')]) chownSync(path, runAs.uid, runAs.gid);

  const as = (bin: string, args: string[]): [string, string[]] =>
    runAs.setpriv
      ? ['setpriv', [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--clear-groups', join(PG_BIN, bin), ...args]]
      : [join(PG_BIN, bin), args];
  try {
    const [cmd, args] = as('initdb', [
      ...['-D', data, '-U', SUPERUSER, '--pwfile', join(dir, 'pwfile'), '--auth', 'scram-sha-256'],
      ...['-E', 'UTF8', '--locale', 'C', '--no-sync', '--no-instructions'],
    ]);
    execFileSync(cmd, args, { cwd: dir, stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr || (error as Error).message}`, { cause: error });
  }

  const port = await freePort();
  const url = (database = 'postgres'): string =>
    `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let child: ChildProcess | undefined;
  let log = '';
  let fullLog = '';
  const killOnExit = (): void => void child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const start = async (): Promise<void> => {
    if (child) return;
    const [cmd, args] = as('postgres', [
      ...['-D', data, '-p', String(port), '-k', sockets],
      // Loopback only; durability is irrelevant for a throw-away cluster.
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
      ...['-c', 'full_page_writes=off', '-c', 'logging_collector=off'],
      ...(options.logStatements ? ['-c', 'log_statement=all', '-c', 'log_parameter_max_length=-1'] : []),
    ]);
    log = '';
    const proc = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      fullLog += chunk;
      log = (log + chunk).slice(-4000);
    });
    proc.once('exit', () => {
      if (child === proc) child = undefined;
    });
    await waitUntilReady(url(), proc, () => log);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGINT'); // fast shutdown
    await exited;
  };

  await start().catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    port,
    url,
    dataDir: data,
    serverLog: () => fullLog,
    createDatabase: async (name) => {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Bad database name "${name}"`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    dispose: async () => {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The uid/gid to run PostgreSQL as: the package's `postgres` user when we are root. */
function postgresUser(): { uid: number; gid: number; setpriv: boolean } {
  if (process.getuid?.() !== 0) return { uid: userInfo().uid, gid: userInfo().gid, setpriv: false };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid, setpriv: true };
  } catch {
    throw new Error(`PostgreSQL refuses to run as root and there is no "postgres" user: run \`${INSTALL}\``);
  }
}

async function waitUntilReady(url: string, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`postgres exited (${proc.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`postgres did not accept connections within 30 s:\n${log()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
