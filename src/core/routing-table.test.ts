import { describe, expect, it } from 'vitest';
import type { ProxyServer } from '../shared/provider-types';
import { blockingInput, DE, input, JP, route, RULES, type Entry } from '../../test/unit/routing-fixtures';
import { compileRouting, decide, type RoutingTable } from './routing';

const HOSTS: [string, number][] = [
  ['www.example.com', 443],
  ['a.sub.test', 80],
  ['exact.test', 443],
  ['porty.test', 8443],
  ['10.1.2.3', 443],
  ['[fd00::1]', 443],
  ['jp.test', 443],
  ['printer', 80],
  ['other.test', 443],
];

describe('the routing table', () => {
  it('is plain JSON and decides the same after a round trip', () => {
    const table = compileRouting(input(RULES, { bypassLocal: true }));
    const copy = JSON.parse(JSON.stringify(table)) as RoutingTable;
    expect(copy).toEqual(table);
    for (const [host, port] of HOSTS) expect(decide(copy, host, port)).toEqual(decide(table, host, port));
  });

  it('holds only referenced regions with servers, stripped of unknown fields', () => {
    const extra = [{ ...JP[0], secret: 'x' }] as unknown as ProxyServer[];
    const table = compileRouting(input([['a.test', 'jp']], { regions: { de: DE, jp: extra, unused: DE } }));
    expect(table.regions.map((region) => region.id)).toEqual(['de', 'jp']);
    expect(table.regions[1]?.servers).toEqual(JP);
  });

  it('has one key per rule and at most one prefix list entry per length, whatever the list size', () => {
    const entries: Entry[] = [];
    for (let i = 0; i < 20_000; i++)
      entries.push(i % 2 ? `site${i}.example.com` : `10.${(i >> 8) & 255}.${i & 255}.0/24`);
    const table = compileRouting(input(entries));
    const rules = table.layers.at(-1);
    expect(Object.keys(rules?.keys ?? {}).length).toBe(20_000);
    expect(rules?.p4).toEqual([24]);
    expect(route(table, 'site19999.example.com')).toBe('direct');
    expect(route(table, 'x.site19999.example.com')).toBe('direct');
    expect(route(table, 'site20000.example.com')).toBe('de');
    expect(route(table, '10.1.2.9')).toBe('direct');
  });

  it('the blocking table lets only alwaysDirect through', () => {
    const table = compileRouting(blockingInput(['account.test:443', '127.0.0.1:8787']));
    expect(route(table, 'account.test', 443)).toBe('direct');
    expect(route(table, '127.0.0.1', 8787)).toBe('direct');
    expect(route(table, 'account.test', 80)).toBe('block');
    expect(route(table, 'example.com')).toBe('block');
    expect(route(table, 'localhost')).toBe('block');
  });
});
