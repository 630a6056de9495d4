/**
 * One line of the user's bypass list -> one canonical Rule, or a sentence saying why not.
 *
 * Syntax (shown in the options page):
 *   example.com          example.com and every subdomain (www.example.com, a.b.example.com)
 *   *.example.com        subdomains only, not example.com itself
 *   =mail.example.com    exactly that host
 *   10.1.2.3  fd00::1    one IP address ([fd00::1] also works)
 *   10.0.0.0/8  fd00::/8  a network; host bits are cleared (10.1.2.3/8 becomes 10.0.0.0/8)
 *   …:8443               a port after any form limits the rule to that port: example.com:8443,
 *                        10.1.2.3:8080, 10.0.0.0/8:80, [fd00::1]:443, [fd00::]/8:443
 *                        (an unbracketed IPv6 address never has a port: fd00::1:443 is an address)
 * A pasted address loses its scheme and path (https://Example.com/a -> example.com), names become
 * lower-case punycode, one trailing dot goes. IP rules match IP-literal requests only (no DNS).
 * Refused: public suffixes (co.uk, com, github.io), `*` other than a leading `*.`, quotes,
 * backslashes, spaces, control or invisible characters, ports outside 1-65535, /0 networks.
 */
import { parse as parseDomain } from 'tldts';
import { canonicalHost } from './hostname';
import { formatIPv4, ipv6Key, maskIPv4, maskIPv6 } from './ip-literal';
import { splitEntry, type EntryParts } from './bypass-entry-syntax';

/** One member per kind, so that `rule.kind === 'ip'` or `!== 'domain'` narrows as expected. */
interface HostRuleOf<K extends string> {
  kind: K;
  host: string;
  port?: number;
}
interface IpRuleOf<K extends string> {
  kind: K;
  family: 4 | 6;
  /** The network address, canonical (IPv6 compressed as RFC 5952 and the URL parser write it). */
  address: string;
  /** 32 or 128 for kind 'ip'. */
  prefix: number;
  port?: number;
}
export type HostRule = HostRuleOf<'domain'> | HostRuleOf<'subdomains'> | HostRuleOf<'exact'>;
export type IpRule = IpRuleOf<'ip'> | IpRuleOf<'cidr'>;
export type Rule = HostRule | IpRule;
export type RuleResult = { ok: true; rule: Rule } | { ok: false; error: string };
export const MAX_RULES = 50_000;

export function parseBypassEntry(input: string): RuleResult {
  const parts = splitEntry(input);
  if ('error' in parts) return fail(parts.error);
  const port = parsePort(parts.port);
  if (typeof port === 'string') return fail(port);
  const host = canonicalHost(parts.host);
  if (host.kind === 'error') return fail(host.error);
  if (host.kind === 'name') return nameRule(host.host, parts, port);
  if (parts.kind === 'subdomains') return fail('*. needs a domain name, not an IP address.');
  const family = host.kind === 'ipv4' ? 4 : 6;
  const max = family === 4 ? 32 : 128;
  const prefix = parsePrefix(parts.prefix, max);
  if (typeof prefix === 'string') return fail(prefix);
  const address =
    host.kind === 'ipv4' ? formatIPv4(maskIPv4(host.value, prefix)) : compressIPv6(maskIPv6(host.groups, prefix));
  const rule: IpRule = { kind: prefix === max ? 'ip' : 'cidr', family, address, prefix };
  if (port !== undefined) rule.port = port;
  return { ok: true, rule };
}

function nameRule(host: string, parts: EntryParts, port: number | undefined): RuleResult {
  if (parts.prefix !== undefined) return fail('Only IP addresses can have a /prefix length.');
  if (parts.kind !== 'exact') {
    const info = parseDomain(host, { allowPrivateDomains: true, extractHostname: false });
    if (info.publicSuffix === host && (info.isIcann || info.isPrivate)) {
      return fail(`${host} is a public suffix; it would bypass every site under it.`);
    }
  }
  const rule: HostRule = { kind: parts.kind, host };
  if (port !== undefined) rule.port = port;
  return { ok: true, rule };
}

function parsePort(text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  if (text === '') return 'A port number is missing after ":".';
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : 0;
  return port >= 1 && port <= 65535 ? port : 'Ports must be between 1 and 65535.';
}

function parsePrefix(text: string | undefined, max: number): number | string {
  if (text === undefined) return max;
  if (text === '') return 'A prefix length is missing after "/".';
  const prefix = /^[0-9]{1,3}$/.test(text) ? Number(text) : -1;
  if (prefix === 0) return 'A /0 network covers every address; it would turn the VPN off for everything.';
  return prefix >= 1 && prefix <= max ? prefix : `Prefix lengths must be between 1 and ${max}.`;
}

/** RFC 5952 spelling, taken from the URL parser rather than written by hand. */
function compressIPv6(groups: readonly number[]): string {
  return new URL(`http://[${ipv6Key(groups)}]/`).hostname.slice(1, -1);
}

/** Canonical text of a rule; parseBypassEntry(formatRule(r)) gives r back. */
export function formatRule(rule: Rule): string {
  const port = rule.port === undefined ? '' : `:${rule.port}`;
  switch (rule.kind) {
    case 'domain':
      return rule.host + port;
    case 'subdomains':
      return `*.${rule.host}${port}`;
    case 'exact':
      return `=${rule.host}${port}`;
    default: {
      const net = rule.kind === 'cidr' ? `/${rule.prefix}` : '';
      if (rule.family === 6 && port) return `[${rule.address}]${net}${port}`;
      return rule.address + net + port;
    }
  }
}

function fail(error: string): RuleResult {
  return { ok: false, error };
}
