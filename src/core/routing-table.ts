/**
 * The compiled routing table: plain JSON, shared by `decide` (TypeScript, Firefox) and the PAC
 * script (ES5, Chromium), which walk it the same way.
 *
 * A layer is one flat object of string keys, so a lookup costs the same for 10 rules or 50,000:
 * a host name is looked up label by label (`e:`/`d:`/`s:` + suffix, at most 4 keys per label), an IP
 * literal once per prefix length present in the layer (at most 33 or 129). Every key starts with a
 * tag and a colon, so no key can be `__proto__` or shadow an Object.prototype member, even inside
 * a PAC object literal. Layers are tried in order (alwaysDirect, local network, user rules) and
 * the first match wins; `fallback` applies when none matches.
 */
import type { ProxyServer } from '../shared/provider-types';
import type { IpRule, Rule } from './bypass-rules';
import { formatIPv4, ipv6Key, maskIPv4, maskIPv6, parseIPv4, parseIPv6 } from './ip-literal';

/** DIRECT (-1), BLOCK (-2) or an index into RoutingTable.regions. */
export type Action = number;
export const DIRECT: Action = -1;
export const BLOCK: Action = -2;

export interface MatchLayer {
  /**
   * `e:host` exact, `d:host` host and subdomains, `s:host` subdomains only, `4:a.b.c.d/len` and
   * `6:g:g:g:g:g:g:g:g/len` networks (groups in uncompressed hex); each may end in `:port`.
   */
  keys: Record<string, Action>;
  /** IPv4 and IPv6 prefix lengths used in `keys`, longest first. */
  p4: number[];
  p6: number[];
  /** Action for names with neither a dot nor a colon (`intranet`), or null. */
  plain: Action | null;
  /**
   * Which name-key kinds exist in `keys`, and whether any name key carries a port: the PAC walk
   * skips lookups that cannot match (most lists have only `d:` keys and no ports), which cuts a
   * decision's cost several times. They never change a result.
   */
  e: boolean;
  d: boolean;
  s: boolean;
  ports: boolean;
}

export interface RoutingTable {
  version: 1;
  /** Only regions that some action uses, each with at least one server, in failover order. */
  regions: { id: string; servers: ProxyServer[] }[];
  layers: MatchLayer[];
  fallback: Action;
  /** Kill switch off: proxied answers end in DIRECT (see RoutingInput.failOpen). */
  failOpen?: true;
  /**
   * Firefox containers (cookieStoreId) with their own way out: a region index or DIRECT. It
   * replaces `vpn`, the action of the VPN's region, for the container's requests. Absent when no
   * container has a choice; the PAC walk never reads it (Chromium has no containers).
   */
  containers?: Record<string, Action>;
  vpn?: Action;
  /**
   * The user paused protection until this time (epoch ms): every request goes direct before it,
   * and the table routes as usual after it, with no one needing to wake up (see RoutingInput).
   */
  pausedUntil?: number;
}

const HOST_TAG = { exact: 'e', domain: 'd', subdomains: 's' } as const;

/** The table key of a rule; IP rules also report the prefix length to index. */
export function ruleKey(rule: Rule): { key: string; family?: 4 | 6; prefix?: number } {
  const port = rule.port === undefined ? '' : `:${rule.port}`;
  if (!isIpRule(rule)) return { key: `${HOST_TAG[rule.kind]}:${rule.host}${port}` };
  if (rule.family === 4) {
    const value = parseIPv4(rule.address);
    if (value === null) throw new TypeError('bad IPv4 rule');
    return {
      key: `4:${formatIPv4(maskIPv4(value, rule.prefix))}/${rule.prefix}${port}`,
      family: 4,
      prefix: rule.prefix,
    };
  }
  const groups = parseIPv6(rule.address);
  if (groups === null) throw new TypeError('bad IPv6 rule');
  return { key: `6:${ipv6Key(maskIPv6(groups, rule.prefix))}/${rule.prefix}${port}`, family: 6, prefix: rule.prefix };
}

function isIpRule(rule: Rule): rule is IpRule {
  return rule.kind === 'ip' || rule.kind === 'cidr';
}

/** Builds one layer; when two rules share a key, the first one wins. */
export function buildLayer(entries: Iterable<readonly [Rule, Action]>, plain: Action | null = null): MatchLayer {
  const keys: Record<string, Action> = {};
  const p4 = new Set<number>();
  const p6 = new Set<number>();
  const kinds = { e: false, d: false, s: false, ports: false };
  for (const [rule, action] of entries) {
    const { key, family, prefix } = ruleKey(rule);
    if (Object.hasOwn(keys, key)) continue;
    keys[key] = action;
    if (prefix !== undefined) (family === 4 ? p4 : p6).add(prefix);
    else {
      kinds[key.charAt(0) as 'e' | 'd' | 's'] = true;
      if (rule.port !== undefined) kinds.ports = true;
    }
  }
  const longestFirst = (set: Set<number>) => [...set].sort((a, b) => b - a);
  return { keys, p4: longestFirst(p4), p6: longestFirst(p6), plain, ...kinds };
}

const LOCAL_NAMES = ['localhost', 'local'];
const LOCAL_V4: [string, number][] = [
  ['127.0.0.0', 8], // loopback
  ['10.0.0.0', 8], // RFC 1918
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16], // link-local
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598): never reachable through a remote proxy
];
const LOCAL_V6: [string, number][] = [
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
];

/** Dotless names, localhost and *.local (with subdomains), loopback, private and link-local IPs. */
export function localLayer(): MatchLayer {
  const rules: Rule[] = [
    ...LOCAL_NAMES.map((host): Rule => ({ kind: 'domain', host })),
    ...LOCAL_V4.map(([address, prefix]): Rule => ({ kind: 'cidr', family: 4, address, prefix })),
    ...LOCAL_V6.map(([address, prefix]): Rule => ({
      kind: prefix === 128 ? 'ip' : 'cidr',
      family: 6,
      address,
      prefix,
    })),
  ];
  return buildLayer(
    rules.map((rule) => [rule, DIRECT] as const),
    DIRECT,
  );
}
