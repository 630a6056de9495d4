/**
 * Checks the values compileRouting takes from outside: the provider's servers and the user's rules.
 *
 * Server host names and ports end up in PAC answers (`HTTPS host:port`) and in Firefox proxy
 * answers, so they are held to the strictest form a proxy address can have: a lower-case LDH host
 * name, canonical dotted IPv4 or an IPv6 literal; an integer port 1-65535; one of three schemes.
 * Anything else throws RoutingInputError, and the caller keeps its previous, working table. Rules
 * are re-parsed from their canonical text, so a rule read back from storage is as clean as a typed one.
 */
import type { ProxyScheme, ProxyServer } from '../shared/provider-types';
import { formatRule, parseBypassEntry, type Rule } from './bypass-rules';
import { parseIPv4, parseIPv6 } from './ip-literal';

export class RoutingInputError extends Error {
  override readonly name = 'RoutingInputError';
  constructor(
    /** Which input was wrong: 'server', 'rule', 'region', 'alwaysDirect', 'mode', 'pausedUntil' or 'container'. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const SCHEMES: readonly ProxyScheme[] = ['http', 'https', 'socks5'];
const LDH_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Returns a clean copy of one server (unknown fields dropped, IPv6 unbracketed) or throws. */
export function checkServer(server: unknown, regionId: string): ProxyServer {
  const where = `a server of region ${JSON.stringify(regionId).slice(0, 80)}`;
  if (typeof server !== 'object' || server === null)
    throw new RoutingInputError('server', `${where} is not an object.`);
  const { id, host, port, scheme } = server as Record<string, unknown>;
  if (typeof id !== 'string') throw new RoutingInputError('server', `${where} has no id.`);
  if (typeof scheme !== 'string' || !(SCHEMES as readonly string[]).includes(scheme)) {
    throw new RoutingInputError('server', `${where} has an unknown scheme.`);
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RoutingInputError('server', `${where} has an invalid port.`);
  }
  const cleanHost = checkServerHost(host);
  if (cleanHost === null) throw new RoutingInputError('server', `${where} has an invalid host.`);
  return { id, host: cleanHost, port, scheme: scheme as ProxyScheme };
}

function checkServerHost(host: unknown): string | null {
  if (typeof host !== 'string' || host.length > 253) return null;
  const inner = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (inner.indexOf(':') >= 0) return parseIPv6(inner) ? inner : null;
  if (inner !== host) return null;
  if (parseIPv4(host) !== null) return host;
  if (!LDH_NAME.test(host)) return null;
  // A numeric last label would be read as an IPv4 literal by the browser (`1.2.3` is 1.2.0.3).
  return /(?:^|\.)[0-9]+$/.test(host) ? null : host;
}

/** Accepts only rules that are already canonical: parse(format(rule)) must give the same text. */
export function checkRule(rule: unknown): Rule {
  let text: string;
  try {
    text = formatRule(rule as Rule);
  } catch {
    throw new RoutingInputError('rule', 'A bypass rule is malformed.');
  }
  const parsed = parseBypassEntry(text);
  if (!parsed.ok || formatRule(parsed.rule) !== text || !sameRule(parsed.rule, rule)) {
    throw new RoutingInputError('rule', 'A bypass rule is malformed.');
  }
  return parsed.rule;
}

function sameRule(a: Rule, b: unknown): boolean {
  if (typeof b !== 'object' || b === null) return false;
  const other = b as Record<string, unknown>;
  return Object.entries(a).every(([key, value]) => other[key] === value);
}

/** alwaysDirect entries name exact hosts or IP addresses, with an optional port. */
export function checkAlwaysDirect(entry: unknown): Rule {
  const parsed = typeof entry === 'string' ? parseBypassEntry(entry) : null;
  if (!parsed?.ok) throw new RoutingInputError('alwaysDirect', 'An always-direct host is invalid.');
  const rule = parsed.rule;
  if (rule.kind === 'domain' || rule.kind === 'exact') return { ...rule, kind: 'exact' };
  if (rule.kind === 'ip') return rule;
  throw new RoutingInputError('alwaysDirect', 'Always-direct entries must be single hosts or IP addresses.');
}
