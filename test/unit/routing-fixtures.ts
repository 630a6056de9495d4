/** Shared inputs for the routing unit tests: three regions and a one-line way to build an input. */
import { parseBypassEntry } from '../../src/core/bypass-rules';
import { decide, type RoutingInput, type RoutingTable } from '../../src/core/routing';
import type { ProxyServer } from '../../src/shared/provider-types';

export const DE: ProxyServer[] = [
  { id: 'de-1', host: 'de1.proxy.test', port: 443, scheme: 'https' },
  { id: 'de-2', host: '2001:db8::10', port: 1080, scheme: 'socks5' },
];
export const JP: ProxyServer[] = [{ id: 'jp-1', host: 'jp.proxy.test', port: 8080, scheme: 'http' }];
export const REGIONS = { de: DE, jp: JP, empty: [] };

/** A bypass entry, optionally with the region it always goes through. */
export type Entry = string | [string, string];

/** One rule of each kind, and rules for a region that exists, one that is missing and one without servers. */
export const RULES: Entry[] = [
  'example.com',
  '*.sub.test',
  '=exact.test',
  'porty.test:8443',
  '10.0.0.0/8',
  '203.0.113.7',
  'fd00::/8',
  '[2001:db8::1]:443',
  ['jp.test', 'jp'],
  ['gone.test', 'missing'],
  ['blocked.test', 'empty'],
];

export function input(entries: Entry[], overrides: Partial<RoutingInput> = {}): RoutingInput {
  return {
    entries: entries.map((entry) => {
      const [text, regionId] = typeof entry === 'string' ? [entry, undefined] : entry;
      const parsed = parseBypassEntry(text);
      if (!parsed.ok) throw new Error(`${text}: ${parsed.error}`);
      return regionId === undefined ? { rule: parsed.rule } : { rule: parsed.rule, regionId };
    }),
    mode: 'exclude',
    bypassLocal: false,
    defaultRegionId: 'de',
    regions: REGIONS,
    alwaysDirect: ['account.test:443'],
    ...overrides,
  };
}

/**
 * The table blockingMode (src/background/proxy-mode.ts) builds while connecting: no region, so
 * everything but the alwaysDirect hosts blocks.
 */
export function blockingInput(alwaysDirect: string[]): RoutingInput {
  return input([], { regions: {}, defaultRegionId: '', alwaysDirect });
}

/** 'direct', 'block' or the region id. */
export function route(table: RoutingTable, host: string, port = 443): string {
  const decision = decide(table, host, port);
  return decision.type === 'proxy' ? decision.regionId : decision.type;
}
