/**
 * A deliberately naive routing oracle for the fuzz tests: a loop over every rule, string suffix
 * tests and ipaddr.js for networks, written straight from the precedence the README states. It
 * shares no code with src/core/routing.ts, so agreement between the two means something.
 */
import ipaddr from 'ipaddr.js';
import type { RoutingInput } from '../../src/core/routing';
import type { Rule } from '../../src/core/bypass-rules';
import { parseBypassEntry } from '../../src/core/bypass-rules';

export type ReferenceDecision = { type: 'direct' } | { type: 'block' } | { type: 'proxy'; regionId: string };

type Parsed = { kind: 'v4' | 'v6'; addr: ipaddr.IPv4 | ipaddr.IPv6 } | { kind: 'name' };

function classify(host: string): Parsed {
  // The cheap character tests only spare ipaddr.js its exceptions on host names (slow in a fuzz).
  if (/^[0-9.]+$/.test(host) && ipaddr.IPv4.isValidFourPartDecimal(host))
    return { kind: 'v4', addr: ipaddr.IPv4.parse(host) };
  if (/^[0-9a-f:.]+$/.test(host) && host.includes(':') && ipaddr.IPv6.isValid(host)) {
    return { kind: 'v6', addr: ipaddr.IPv6.parse(host) };
  }
  return { kind: 'name' };
}

const networks = new Map<string, ipaddr.IPv4 | ipaddr.IPv6>();
function network(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  let net = networks.get(address);
  if (!net) networks.set(address, (net = ipaddr.parse(address)));
  return net;
}

/**
 * Specificity of a match as one number (length of the matched host or prefix, then the port bit,
 * then the narrow-kind bit); -1 when the rule does not match.
 */
function score(rule: Rule, host: string, parsed: Parsed, port: number): number {
  if (rule.port !== undefined && rule.port !== port) return -1;
  const portBit = rule.port === undefined ? 0 : 2;
  if (rule.kind === 'ip' || rule.kind === 'cidr') {
    if (parsed.kind === 'name' || parsed.kind !== (rule.family === 4 ? 'v4' : 'v6')) return -1;
    const net = network(rule.address);
    if (net.kind() !== parsed.addr.kind()) return -1;
    return parsed.addr.match(net, rule.prefix) ? rule.prefix * 4 + portBit : -1;
  }
  if (parsed.kind !== 'name') return -1;
  const below =
    host.length > rule.host.length && host.endsWith(rule.host) && host[host.length - rule.host.length - 1] === '.';
  const matches =
    rule.kind === 'exact' ? host === rule.host : rule.kind === 'subdomains' ? below : host === rule.host || below;
  return matches ? rule.host.length * 4 + portBit + (rule.kind === 'domain' ? 0 : 1) : -1;
}

const LOCAL = [
  'localhost',
  'local',
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '100.64.0.0/10',
  '::1',
  'fc00::/7',
  'fe80::/10',
];

/** Prepares the oracle for one input (rules parsed once), then answers per request. */
export function createReference(input: RoutingInput): (rawHost: string, port: number) => ReferenceDecision {
  const parse = (text: string): Rule => {
    const result = parseBypassEntry(text);
    if (!result.ok) throw new Error(text);
    return result.rule;
  };
  const always = input.alwaysDirect
    .map(parse)
    .map((rule): Rule => (rule.kind === 'domain' ? { ...rule, kind: 'exact' } : rule));
  const local = LOCAL.map(parse);
  const region = (id: string): ReferenceDecision =>
    Object.hasOwn(input.regions, id) && (input.regions[id]?.length ?? 0) > 0
      ? { type: 'proxy', regionId: id }
      : { type: 'block' };
  return (rawHost, port) => {
    let host = rawHost.toLowerCase();
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    if (host.endsWith('.')) host = host.slice(0, -1);
    const parsed = classify(host);
    if (always.some((rule) => score(rule, host, parsed, port) >= 0)) return { type: 'direct' };
    if (input.bypassLocal) {
      if (parsed.kind === 'name' && host !== '' && !host.includes('.') && !host.includes(':'))
        return { type: 'direct' };
      if (local.some((rule) => score(rule, host, parsed, port) >= 0)) return { type: 'direct' };
    }
    let best: { score: number; regionId: string | undefined } | null = null;
    for (const entry of input.entries) {
      const s = score(entry.rule, host, parsed, port);
      if (s >= 0 && (!best || s > best.score)) best = { score: s, regionId: entry.regionId };
    }
    if (!best) return input.mode === 'exclude' ? region(input.defaultRegionId) : { type: 'direct' };
    if (best.regionId !== undefined) return region(best.regionId);
    return input.mode === 'exclude' ? { type: 'direct' } : region(input.defaultRegionId);
  };
}

export function referenceDecide(input: RoutingInput, rawHost: string, port: number): ReferenceDecision {
  return createReference(input)(rawHost, port);
}
