/**
 * The surface syntax of a bypass entry: splits `=`/`*.` markers, a pasted URL's scheme and path,
 * brackets, `/prefix` and `:port` into raw parts; bypass-rules.ts then validates each part.
 *
 * Characters that have no business in a host are refused here, before anything else looks at the
 * text, so each refusal gets its own plain sentence (quotes, backslashes, spaces, control and
 * invisible characters, `*` in the wrong place). A pasted `http(s)://` or `ws(s)://` address keeps
 * only its host and port; other schemes (javascript:, file:, chrome:…) are refused by name.
 */

export interface EntryParts {
  kind: 'domain' | 'subdomains' | 'exact';
  host: string;
  port?: string;
  prefix?: string;
}

export const MAX_ENTRY_LENGTH = 1024;

const WEB_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);
const OTHER_SCHEMES = new Set(
  'about blob chrome chrome-extension data edge file ftp javascript mailto moz-extension resource vbscript view-source'.split(
    ' ',
  ),
);
/** Control and format characters (bidi overrides, zero-width, BOM…), separators, fillers. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Variation_Selector}\u115f\u1160\u3164]/u;
const QUOTES = /["'`\u2018-\u201f\u2032-\u2037\u00ab\u00bb]/;

export function splitEntry(input: string): EntryParts | { error: string } {
  let text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { error: 'Enter a host name, an IP address or a network.' };
  if (text.length > MAX_ENTRY_LENGTH) return { error: 'This entry is too long.' };
  const bad = badCharacter(text);
  if (bad) return { error: bad };
  let kind: EntryParts['kind'] = 'domain';
  if (text.startsWith('=')) {
    kind = 'exact';
    text = text.slice(1);
  }
  const url = stripScheme(text);
  if ('error' in url) return url;
  text = url.rest;
  if (text.startsWith('*.')) {
    if (kind === 'exact') return { error: 'Use either = or *. in front of a name, not both.' };
    kind = 'subdomains';
    text = text.slice(2);
  }
  if (text.indexOf('*') >= 0) return { error: '* is allowed only at the start, as in *.example.com.' };
  const parts = text.startsWith('[') ? splitBracketed(text) : splitPlain(text, url.isUrl);
  return 'error' in parts ? parts : { kind, ...parts };
}

function badCharacter(text: string): string | null {
  if (INVISIBLE.test(text)) return 'Control characters and invisible characters are not allowed.';
  if (QUOTES.test(text)) return 'Quotes are not allowed.';
  if (text.indexOf('\\') >= 0) return 'Backslashes are not allowed.';
  if (/\s/.test(text)) return 'Spaces are not allowed inside an entry.';
  if (text.indexOf('%') >= 0) return 'Percent signs are not allowed (type the name itself; Unicode is fine).';
  if (text.indexOf('@') >= 0) return '@ is not allowed; enter only the host name.';
  return null;
}

/** `https://host:port/path` -> `host:port`; `javascript:…` and friends are refused. */
function stripScheme(text: string): { rest: string; isUrl: boolean } | { error: string } {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (!match?.[1]) return { rest: text, isUrl: false };
  const scheme = match[1].toLowerCase();
  const after = text.slice(match[0].length);
  if (after.startsWith('//')) {
    if (!WEB_SCHEMES.has(scheme)) return { error: `${scheme}: addresses cannot be bypassed; enter a host name.` };
    const rest = after.slice(2);
    const end = rest.search(/[/?#]/);
    return { rest: end < 0 ? rest : rest.slice(0, end), isUrl: true };
  }
  // `example.com:8443` and `fd00::1` also start like a scheme; a digit, a colon or nothing follows.
  if (after === '' || /^[0-9:]/.test(after)) return { rest: text, isUrl: false };
  if (OTHER_SCHEMES.has(scheme) || WEB_SCHEMES.has(scheme)) {
    return { error: `${scheme}: is not a host name; enter a host name such as example.com.` };
  }
  return { error: 'Ports must be between 1 and 65535.' };
}

/** `[v6]`, `[v6]:port`, `[v6]/prefix`, `[v6]/prefix:port`. */
function splitBracketed(text: string): Omit<EntryParts, 'kind'> | { error: string } {
  const close = text.indexOf(']');
  if (close < 0) return { error: 'A ] is missing after the IPv6 address.' };
  const host = text.slice(0, close + 1);
  const rest = text.slice(close + 1);
  if (rest === '') return { host };
  const match = /^(?:\/([^:]*))?(?::(.*))?$/.exec(rest);
  if (!match) return { error: 'After ] comes :port or /prefix, as in [fd00::]/8:443.' };
  return withOptional(host, match[2], match[1]);
}

/** Names, IPv4 and unbracketed IPv6 (which never carries a port). */
function splitPlain(text: string, isUrl: boolean): Omit<EntryParts, 'kind'> | { error: string } {
  if (text.split(':').length > 2) {
    const slash = text.indexOf('/');
    if (slash < 0) return { host: text };
    const prefix = text.slice(slash + 1);
    if (prefix.indexOf(':') >= 0) return { error: 'Put an IPv6 network in brackets to add a port: [fd00::]/8:443.' };
    return { host: text.slice(0, slash), prefix };
  }
  const end = text.search(/[/?#]/);
  const head = end < 0 ? text : text.slice(0, end);
  const tail = end < 0 ? '' : text.slice(end);
  const colon = head.indexOf(':');
  const host = colon < 0 ? head : head.slice(0, colon);
  const port = colon < 0 ? undefined : head.slice(colon + 1);
  const cidr = isUrl ? null : /^\/([0-9]*)(?::(.*))?$/.exec(tail);
  if (cidr) {
    if (port !== undefined) return { error: 'Write the port after the prefix length, as in 10.0.0.0/8:80.' };
    return withOptional(host, cidr[2], cidr[1] ?? '');
  }
  if (tail.startsWith('/') && !isUrl && /^[0-9.]+$/.test(host)) {
    return { error: 'After / comes a prefix length, as in 10.0.0.0/8.' };
  }
  return withOptional(host, port, undefined);
}

function withOptional(host: string, port: string | undefined, prefix: string | undefined): Omit<EntryParts, 'kind'> {
  const parts: Omit<EntryParts, 'kind'> = { host };
  if (port !== undefined) parts.port = port;
  if (prefix !== undefined) parts.prefix = prefix;
  return parts;
}
