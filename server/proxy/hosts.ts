/**
 * Upstream name resolution for the proxies, honouring the config's static `hosts` map so that a
 * machine without DNS for `*.test` can still browse those names through the proxies.
 * proxy-chain passes the function we return as `lookup` to net.createConnection / http.request.
 * Node calls it with `all: true` when autoSelectFamily (happy eyeballs) is on, so both callback
 * shapes are handled. Names not in the map resolve normally.
 */
import dns from 'node:dns';
import { isIP } from 'node:net';
import type { LookupAddress, LookupOptions } from 'node:dns';

export type HostsMap = Readonly<Record<string, string>>;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family: number) => void;
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/** The mapped address for `hostname`: an exact entry first, else the longest matching `*.suffix`. */
export function resolveStatic(hosts: HostsMap, hostname: string): string | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  let best: { address: string; length: number } | undefined;
  for (const [pattern, address] of Object.entries(hosts)) {
    const key = pattern.toLowerCase();
    if (!key.startsWith('*.')) {
      if (key === name) return address;
      continue;
    }
    const suffix = key.slice(1); // ".test"
    if (name.endsWith(suffix) && name.length > suffix.length && (!best || suffix.length > best.length)) {
      best = { address, length: suffix.length };
    }
  }
  return best?.address;
}

export function createLookup(hosts: HostsMap): LookupFunction {
  return (hostname, options, callback) => {
    const address = resolveStatic(hosts, hostname);
    if (address === undefined) {
      dns.lookup(hostname, options, callback);
      return;
    }
    const family = isIP(address);
    callback(null, options.all ? [{ address, family }] : address, family);
  };
}
