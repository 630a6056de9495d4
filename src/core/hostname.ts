/**
 * Canonical host names, spelled the way browsers spell them in a request.
 *
 * Rules and lookups only meet if both sides use one spelling, so the WHATWG URL parser (the same
 * algorithm the browser runs before it asks a PAC script or a proxy handler) does the work: IDN to
 * punycode, full-width and upper-case letters folded, `0x7f.1` and `2130706433` turned into
 * `127.0.0.1`. No hand-written punycode. What the URL parser still lets through (`;`, `!`, `{`…) is
 * refused here, so a canonical name holds only `a-z 0-9 - _ .` and IP literals only hex, dots and
 * colons: nothing that could mean anything inside a PAC script.
 */
import { parseIPv4, parseIPv6 } from './ip-literal';

export type CanonicalHost =
  | { kind: 'name'; host: string }
  | { kind: 'ipv4'; host: string; value: number }
  | { kind: 'ipv6'; host: string; groups: number[] };

export type HostResult = CanonicalHost | { kind: 'error'; error: string };

export const MAX_HOST_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LABEL = /^[a-z0-9_-]+$/;
/** Characters that would change how `http://<host>/` parses, or that no host may contain. */
const STRUCTURAL = /[\s\p{Cc}/?#@\\%:[\]"'`<>^|{}*]/u;

/** Canonicalises one host (no port). IPv6 may be bracketed or not. */
export function canonicalHost(input: string): HostResult {
  if (input.startsWith('[') && input.endsWith(']')) return canonicalIPv6(input.slice(1, -1));
  if (input.indexOf(':') >= 0) return canonicalIPv6(input);
  if (input === '') return fail('The host name is empty.');
  if (STRUCTURAL.test(input)) return fail('Host names may contain only letters, digits, hyphens and underscores.');
  let host: string;
  try {
    host = new URL(`http://${input}/`).hostname;
  } catch {
    return fail('This is not a valid host name.');
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  const value = parseIPv4(host);
  if (value !== null) return { kind: 'ipv4', host, value };
  return checkName(host);
}

function checkName(host: string): HostResult {
  if (host.length > MAX_HOST_LENGTH) return fail(`Host names may have at most ${MAX_HOST_LENGTH} characters.`);
  for (const label of host.split('.')) {
    if (label === '') return fail('A host name cannot have an empty part (two dots in a row, or a dot at the start).');
    if (label.length > MAX_LABEL_LENGTH) {
      return fail(`Each part of a host name between dots may have at most ${MAX_LABEL_LENGTH} characters.`);
    }
    if (!LABEL.test(label)) return fail('Host names may contain only letters, digits, hyphens and underscores.');
  }
  return { kind: 'name', host };
}

function canonicalIPv6(inner: string): HostResult {
  if (inner.indexOf('%') >= 0) return fail('IPv6 zone ids (the part after %) are not supported.');
  if (!/^[0-9a-fA-F:.]+$/.test(inner)) return fail('This is not a valid IPv6 address.');
  let host: string;
  try {
    host = new URL(`http://[${inner}]/`).hostname.slice(1, -1);
  } catch {
    return fail('This is not a valid IPv6 address.');
  }
  const groups = parseIPv6(host);
  return groups ? { kind: 'ipv6', host, groups } : fail('This is not a valid IPv6 address.');
}

function fail(error: string): HostResult {
  return { kind: 'error', error };
}
