import { describe, expect, it } from 'vitest';
import type { ProxyServer } from '../shared/provider-types';
import { compileRouting, RoutingInputError, type RoutingInput } from './routing';

const DE: ProxyServer[] = [{ id: 'de-1', host: 'de1.proxy.test', port: 443, scheme: 'https' }];

function input(patch: Partial<RoutingInput>): RoutingInput {
  return {
    entries: [],
    mode: 'exclude',
    bypassLocal: false,
    defaultRegionId: 'de',
    regions: { de: DE },
    alwaysDirect: [],
    ...patch,
  };
}

describe('compileRouting refuses invalid outside values with RoutingInputError', () => {
  const server = (patch: Record<string, unknown>) => ({ ...DE[0], ...patch }) as unknown as ProxyServer;
  const hostile: [string, Partial<RoutingInput>][] = [
    ...[
      'evil"; return "DIRECT',
      'a b',
      'DIRECT',
      'Proxy.test',
      'h;PROXY x:1',
      'h:1',
      'пример.рф',
      '1.2.3',
      '',
      'a..b',
      '-a.test',
      'a_b.test',
      '[2001:db8::1',
      '[not-ip]',
      'x'.repeat(300),
      'proxy.test\n',
      '127.0.0.1:9',
    ].map((host): [string, Partial<RoutingInput>] => [
      `host ${JSON.stringify(host)}`,
      { regions: { de: [server({ host })] } },
    ]),
    ...['443', 0, 65536, 443.5, -1, Number.NaN, null].map((port): [string, Partial<RoutingInput>] => [
      `port ${JSON.stringify(port)}`,
      { regions: { de: [server({ port })] } },
    ]),
    ...['quic', 'direct', 'socks', 'SOCKS5', 'HTTPS', ''].map((scheme): [string, Partial<RoutingInput>] => [
      `scheme ${scheme}`,
      { regions: { de: [server({ scheme })] } },
    ]),
    ['server without id', { regions: { de: [server({ id: 7 })] } }],
    ['server null', { regions: { de: [null as unknown as ProxyServer] } }],
    ['region not a list', { regions: { de: 'x' as unknown as ProxyServer[] } }],
    ['bad server in an unused region', { regions: { de: DE, other: [server({ port: 0 })] } }],
    ['alwaysDirect wildcard', { alwaysDirect: ['*.account.test'] }],
    ['alwaysDirect network', { alwaysDirect: ['10.0.0.0/8'] }],
    ['alwaysDirect junk', { alwaysDirect: ['a b'] }],
    ['alwaysDirect not a list', { alwaysDirect: 'account.test' as unknown as string[] }],
    ['mode', { mode: 'both' as 'include' }],
    ['rule with a quote', { entries: [{ rule: { kind: 'domain', host: 'a.com"x' } }] }],
    ['rule for a public suffix', { entries: [{ rule: { kind: 'domain', host: 'com' } }] }],
    ['rule not canonical', { entries: [{ rule: { kind: 'cidr', family: 4, address: '10.0.0.1', prefix: 8 } }] }],
    ['rule in upper case', { entries: [{ rule: { kind: 'domain', host: 'A.COM' } }] }],
    ['rule of unknown kind', { entries: [{ rule: { kind: 'regex', host: '.*' } as unknown as never }] }],
    ['rule null', { entries: [{ rule: null as unknown as never }] }],
    [
      'region id not a string',
      { entries: [{ rule: { kind: 'domain', host: 'a.com' }, regionId: 5 as unknown as string }] },
    ],
  ];
  it.each(hostile)('%s', (_name, patch) => {
    expect(() => compileRouting(input(patch))).toThrow(RoutingInputError);
  });

  it('accepts bracketed IPv6, plain names and IPv4 servers, and stores IPv6 unbracketed', () => {
    const servers = [server({ host: '[2001:db8::1]' }), server({ host: 'proxy' }), server({ host: '203.0.113.5' })];
    const table = compileRouting(input({ regions: { de: servers } }));
    expect(table.regions[0]?.servers.map((s) => s.host)).toEqual(['2001:db8::1', 'proxy', '203.0.113.5']);
  });
});
