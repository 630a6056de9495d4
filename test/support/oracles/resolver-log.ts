/**
 * O2 (a name resolved locally) in either browser, for scenarios written once
 * (test/e2e/leaks/side-channels.e2e.ts): one small interface over each browser's own resolver log, reached
 * through the launch option `resolverLog` of test/support/zone-browser.ts.
 *
 * - Chromium: the NetLog (netlog.ts). Under the test's `--host-resolver-rules` the name is mapped
 *   before the resolver, which logs only the mapped address:port, so a name is counted by the ports
 *   of the origin it is served on: names whose resolution is counted need an origin of their own.
 * - Firefox ESR: the resolver's MOZ_LOG (firefox-dns.ts), which logs the names themselves. The
 *   launch also switches Firefox's prefetch and speculative-connection prefs back on (the shared
 *   test prefs turn them off): link hints need them, and they can only make this oracle stricter.
 */
import type { LeakOrigin } from './origins';
import { RESOLVER_LOG_PREFS, startResolverLog } from './firefox-dns';
import { readNetLog } from './netlog';

/** Where the log ended at `mark` (per log file). */
export type ResolverMark = Readonly<Record<string, number>>;

export interface ResolverLog {
  /** A mark for `resolved`: what the log holds now. */
  mark(): ResolverMark;
  /**
   * How many times since `since` the browser asked its own resolver for one of `hosts`, served on
   * `origin` (Chromium can tell only the origin's ports apart: see above).
   */
  resolved(hosts: string[], origin: Pick<LeakOrigin, 'httpPort' | 'httpsPort'>, since: ResolverMark): number;
  /**
   * KNOWN Chromium limitation (test/e2e/leaks/side-channels.e2e.ts): Chromium 156 resolves the
   * host of a request even when the PAC sends it to a proxy (a navigation, a prefetch). Its NetLog
   * tells those lookups (`is_speculative: false`) from the ones it makes on its own (hints,
   * prediction): this counts them, a part of `resolved`. Absent in Firefox, which does not.
   */
  resolvedForRequests?: (
    hosts: string[],
    origin: Pick<LeakOrigin, 'httpPort' | 'httpsPort'>,
    since: ResolverMark,
  ) => number;
}

const NETLOG = 'netlog';

/** Chromium: resolver requests in the NetLog `file` for the origin's ports. */
export function netLogResolver(file: string): ResolverLog {
  /** Resolver requests for the origin's ports since `since`: whether each was speculative. */
  const lookups = (origin: Pick<LeakOrigin, 'httpPort' | 'httpsPort'>, since: ResolverMark): boolean[] => {
    const ports = [origin.httpPort, origin.httpsPort];
    return readNetLog(file)
      .slice(since[NETLOG] ?? 0)
      .filter((e) => e.type === 'HOST_RESOLVER_MANAGER_REQUEST')
      .map((e) => (e.params ?? {}) as { host?: string; is_speculative?: boolean })
      .filter((p) => ports.some((port) => String(p.host ?? '').endsWith(`:${port}`)))
      .map((p) => p.is_speculative === true);
  };
  return {
    mark: () => ({ [NETLOG]: readNetLog(file).length }),
    resolved: (_hosts, origin, since) => lookups(origin, since).length,
    resolvedForRequests: (_hosts, origin, since) => lookups(origin, since).filter((speculative) => !speculative).length,
  };
}

/** Firefox's prefetch and speculative connections, on again for the link hints. */
const PREFETCH_ON = {
  'network.prefetch-next': true,
  'network.dns.disablePrefetch': false,
  'network.dns.disablePrefetchFromHTTPS': false,
  'network.http.speculative-parallel-limit': 6,
  'network.predictor.enabled': true,
};

/** Firefox: what the launch needs (prefs and environment), the log, and its clean-up. */
export function mozLogResolver(): {
  prefs: Record<string, unknown>;
  env: Record<string, string>;
  log: ResolverLog;
  close(): void;
} {
  const dns = startResolverLog();
  return {
    prefs: { ...RESOLVER_LOG_PREFS, ...PREFETCH_ON },
    env: dns.env,
    log: {
      mark: () => dns.mark(),
      resolved: (hosts, _origin, since) => hosts.reduce((n, host) => n + dns.count(host, since), 0),
    },
    close: () => dns.close(),
  };
}
