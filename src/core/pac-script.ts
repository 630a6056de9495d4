/**
 * Chromium's PAC script: the constant code of pac-skeleton.ts plus one data line, `var DATA = {…};`.
 *
 * Data never becomes code: the routing table enters only as JSON on its own line (JSON has no raw
 * line breaks; U+2028, U+2029, `<`, `>` and `&` are escaped too), so every script shares the same
 * code part byte for byte, which pacCodePart lets a test check. The table's keys all carry a tag
 * (`d:`, `4:`…), so a JSON object literal cannot set `__proto__`. Proxied answers list every server
 * of the region for failover and never end in DIRECT; a block is a dead loopback proxy.
 */
import type { Decision, RoutingTable } from './routing';
import { PAC_CODE } from './pac-skeleton';

export const BLOCK_PAC_ANSWER = 'PROXY 127.0.0.1:9';

const HEAD = '// Zone VPN routing. Generated: only the DATA line differs from one script to another.\n';
const DATA_START = 'var DATA = ';
const DATA_END = ';\n';

/** The code part every generated script shares: the script with its JSON data cut out. */
export const PAC_SKELETON = HEAD + DATA_START + DATA_END + PAC_CODE;

export function generatePac(table: RoutingTable): string {
  return HEAD + DATA_START + toScriptJson(table) + DATA_END + PAC_CODE;
}

/**
 * Cuts the data literal out of a generated script; equals PAC_SKELETON for every input. Throws
 * unless that literal is exactly one JSON value, so code smuggled onto the data line is caught too.
 */
export function pacCodePart(pac: string): string {
  const { literal, end } = dataLiteral(pac);
  JSON.parse(literal);
  return HEAD + DATA_START + pac.slice(end);
}

/** The script's data, parsed back (for tests and diagnostics). */
export function pacData(pac: string): unknown {
  return JSON.parse(dataLiteral(pac).literal);
}

function dataLiteral(pac: string): { literal: string; end: number } {
  const start = HEAD.length + DATA_START.length;
  const end = pac.indexOf(DATA_END, start);
  if (!pac.startsWith(HEAD + DATA_START) || end < 0 || pac.indexOf('\n', start) !== end + 1) {
    throw new Error('Not a generated PAC script.');
  }
  return { literal: pac.slice(start, end), end };
}

function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u2028\u2029<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const KEYWORDS: Record<string, string> = { http: 'PROXY', https: 'HTTPS', socks5: 'SOCKS5' };

/** The PAC answer for a decision, exactly as the script's zvAnswer spells it. */
export function pacAnswer(decision: Decision): string {
  if (decision.type === 'direct') return 'DIRECT';
  if (decision.type === 'block' || decision.servers.length === 0) return BLOCK_PAC_ANSWER;
  const parts: string[] = [];
  for (const server of decision.servers) {
    const keyword = Object.hasOwn(KEYWORDS, server.scheme) ? KEYWORDS[server.scheme] : undefined;
    if (keyword === undefined || !isSafeServer(server)) return BLOCK_PAC_ANSWER;
    const host = server.host.indexOf(':') >= 0 ? `[${server.host}]` : server.host;
    parts.push(`${keyword} ${host}:${server.port}`);
  }
  if (decision.failOpen === true) parts.push('DIRECT');
  return parts.join('; ');
}

function isSafeServer(server: { host: unknown; port: unknown }): boolean {
  const { host, port } = server;
  return (
    typeof host === 'string' &&
    /^[0-9a-z.:-]+$/.test(host) &&
    typeof port === 'number' &&
    Number.isInteger(port) &&
    port >= 1 &&
    port <= 65535
  );
}
