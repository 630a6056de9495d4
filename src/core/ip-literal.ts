/**
 * IP literals as numbers, for matching CIDR rules without DNS.
 *
 * The parsers are deliberately strict: IPv4 only in the canonical dotted-decimal form browsers hand
 * to PAC scripts and proxy handlers (no octal, hex or short forms; those are canonicalised earlier by
 * the URL parser), IPv6 as eight 16-bit groups with an optional `::` and an optional trailing dotted
 * IPv4. `pac-script.ts` carries an ES5 copy of these functions; the fuzz test proves they agree, so
 * change both together. Network keys print groups in plain lower-case hex (no `::`) so that one
 * network has exactly one key.
 */

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/;

/** `a.b.c.d` -> unsigned 32-bit number, or null when not canonical dotted decimal. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Lower-case, unbracketed IPv6 text -> eight 16-bit groups, or null. */
export function parseIPv6(text: string): number[] | null {
  if (text.indexOf(':') < 0 || !/^[0-9a-f:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const out: number[] = [];
  if (!pushGroups(head, out, halves.length === 1)) return null;
  if (halves.length === 1) return out.length === 8 ? out : null;
  const gap = out.length;
  if (!pushGroups(tail, out, true) || out.length > 7) return null;
  while (out.length < 8) out.splice(gap, 0, 0);
  return out;
}

/** Appends 16-bit groups; only the last part may be a dotted IPv4 (two groups). */
function pushGroups(parts: readonly string[], out: number[], mayEndInIPv4: boolean): boolean {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.indexOf('.') >= 0) {
      const v4 = mayEndInIPv4 && i === parts.length - 1 ? parseIPv4(part) : null;
      if (v4 === null) return false;
      out.push(v4 >>> 16, v4 & 0xffff);
    } else {
      if (!IPV6_GROUP.test(part)) return false;
      out.push(parseInt(part, 16));
    }
  }
  return true;
}

export function maskIPv4(value: number, prefix: number): number {
  return prefix <= 0 ? 0 : (value & (-1 << (32 - prefix))) >>> 0;
}

export function maskIPv6(groups: readonly number[], prefix: number): number[] {
  return groups.map((group, i) => {
    const bits = prefix - 16 * i;
    if (bits >= 16) return group;
    if (bits <= 0) return 0;
    return group & ((0xffff << (16 - bits)) & 0xffff);
  });
}

/** Uncompressed lower-case hex, one spelling per address: the lookup key form. */
export function ipv6Key(groups: readonly number[]): string {
  return groups.map((group) => group.toString(16)).join(':');
}
