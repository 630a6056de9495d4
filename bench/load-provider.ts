/**
 * The provider side of bench/load.ts, in its own process so that it does not share an event loop
 * with the load generator (as in production, where clients are elsewhere).
 *   node --import tsx bench/load-provider.ts '<json options>'
 * Prints one JSON line { accountUrl, proxy: { host, port } } when ready. When stdin closes it prints
 * one JSON line { cpuUserMs, cpuSystemMs } (CPU this process used since ready) and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SCRYPT_COST } from '../server/account/passwords.ts';
import { startProvider } from '../server/provider.ts';

interface Options {
  email: string;
  password: string;
  fastKdf: boolean;
}

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const dir = mkdtempSync(join(tmpdir(), 'zone-load-'));
const provider = await startProvider({
  config: {
    accountService: { host: '127.0.0.1', port: 0 },
    regions: [
      {
        id: 'bench',
        name: 'Bench',
        country: 'NL',
        city: 'Loopback',
        servers: [{ id: 'bench-1', host: '127.0.0.1', port: 0, scheme: 'http' }],
      },
    ],
    hosts: {},
  },
  database: join(dir, 'provider.sqlite'),
  demoAccount: { email: options.email, password: options.password },
  // N=1024 measures everything but the KDF; the default cost is what a real login pays.
  passwordCost: options.fastKdf ? { N: 1024, r: 8, p: 1 } : DEFAULT_SCRYPT_COST,
  loginRateLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
});
const server = provider.regions[0]!.servers[0]!;
const start = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ accountUrl: provider.accountUrl, proxy: { host: server.host, port: server.port } })}\n`,
);

process.stdin.resume();
process.stdin.on('end', () => {
  const used = process.cpuUsage(start);
  process.stdout.write(`${JSON.stringify({ cpuUserMs: used.user / 1000, cpuSystemMs: used.system / 1000 })}\n`);
  void provider.close().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
