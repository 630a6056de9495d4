/**
 * O2 for Firefox: the host resolver's own log (`MOZ_LOG=nsHostResolver:5`). Every name Firefox asks
 * its resolver for is logged as `Resolving host [NAME]` (cache hits included), so a proxied host
 * name in that list was resolved locally: a DNS leak (the proxy alone should resolve it).
 *
 * The shared test pref `network.dns.forceResolve=127.0.0.1` rewrites the name BEFORE the resolver
 * (seen on ESR 153: the log then reads `Resolving host [127.0.0.1]` for every site, the real name
 * only inside the partition key), which blinds this oracle. So launches that use it swap it for
 * `network.dns.native-is-localhost` (Mozilla's own test pref): the resolver sees and logs the real
 * name, and the system lookup is made for `localhost` instead, answered from /etc/hosts with
 * 127.0.0.1: loopback only, no query leaves the machine.
 *
 * Firefox writes `<MOZ_LOG_FILE>.moz_log` for the parent process and `….child-N.moz_log` for each
 * child; the resolver runs in the parent, but every file is read. `sync` makes Firefox write each
 * line at once, so the log can be read while the browser runs.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RESOLVER_LOG_PREFS = {
  'network.dns.forceResolve': '',
  'network.dns.native-is-localhost': true,
};

export type LogMark = Readonly<Record<string, number>>;

export interface ResolverLog {
  /** For the launch's `env`. */
  env: Record<string, string>;
  /** A mark for `resolvedSince`: how many names each log file held. */
  mark(): LogMark;
  /** Host names the resolver was asked for since `mark` (all of them without one). */
  resolvedSince(mark?: LogMark): string[];
  /** How often `host` (exactly, case-insensitive) was resolved since `mark`. */
  count(host: string, mark?: LogMark): number;
  close(): void;
}

/** The names in `Resolving host [NAME]` lines (IP literals included: callers filter). */
export function parseResolverLog(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/nsHostResolver Resolving host \[([^\]\s]+)\]/g))
    names.push(match[1]!.toLowerCase());
  return names;
}

export function startResolverLog(): ResolverLog {
  const dir = mkdtempSync(join(tmpdir(), 'zone-fx-dns-'));
  const base = 'resolver.log';
  const perFile = () =>
    readdirSync(dir)
      .filter((f) => f.startsWith(base))
      .map((f) => [f, parseResolverLog(readFileSync(join(dir, f), 'utf8'))] as const);
  const log: ResolverLog = {
    env: { MOZ_LOG: 'sync,nsHostResolver:5', MOZ_LOG_FILE: join(dir, base) },
    mark: () => Object.fromEntries(perFile().map(([f, names]) => [f, names.length])),
    resolvedSince: (mark = {}) => perFile().flatMap(([f, names]) => names.slice(mark[f] ?? 0)),
    count: (host, mark) => log.resolvedSince(mark).filter((h) => h === host.toLowerCase()).length,
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
  return log;
}
