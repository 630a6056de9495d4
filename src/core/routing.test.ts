import { describe, expect, it } from 'vitest';
import { DE, input, JP, route, RULES, type Entry } from '../../test/unit/routing-fixtures';
import { compileRouting, decide, portOfUrl } from './routing';

// [host, port, exclude mode, include mode]
const CASES: [string, number, string, string][] = [
  ['example.com', 443, 'direct', 'de'],
  ['www.example.com', 443, 'direct', 'de'],
  ['a.b.c.example.com', 80, 'direct', 'de'],
  ['EXAMPLE.COM.', 443, 'direct', 'de'],
  ['Www.Example.Com', 443, 'direct', 'de'],
  ['notexample.com', 443, 'de', 'direct'],
  ['example.com.evil.test', 443, 'de', 'direct'],
  ['example.co', 443, 'de', 'direct'],
  ['sub.test', 443, 'de', 'direct'],
  ['a.sub.test', 443, 'direct', 'de'],
  ['exact.test', 443, 'direct', 'de'],
  ['www.exact.test', 443, 'de', 'direct'],
  ['porty.test', 8443, 'direct', 'de'],
  ['porty.test', 443, 'de', 'direct'],
  ['10.1.2.3', 443, 'direct', 'de'],
  ['11.0.0.1', 443, 'de', 'direct'],
  ['10.0.0.1.example.net', 443, 'de', 'direct'],
  ['203.0.113.7', 80, 'direct', 'de'],
  ['203.0.113.8', 80, 'de', 'direct'],
  ['fd00::5', 443, 'direct', 'de'],
  ['[FD00::5]', 443, 'direct', 'de'],
  ['fdff:ffff::1', 443, 'direct', 'de'],
  ['fe80::1', 443, 'de', 'direct'],
  ['2001:db8::1', 443, 'direct', 'de'],
  ['[2001:db8:0:0:0:0:0:1]', 443, 'direct', 'de'],
  ['2001:db8::1', 80, 'de', 'direct'],
  ['jp.test', 443, 'jp', 'jp'],
  ['x.jp.test', 80, 'jp', 'jp'],
  ['gone.test', 443, 'block', 'block'],
  ['blocked.test', 443, 'block', 'block'],
  ['account.test', 443, 'direct', 'direct'],
  ['ACCOUNT.test.', 443, 'direct', 'direct'],
  ['account.test', 80, 'de', 'direct'],
  ['x.account.test', 443, 'de', 'direct'],
  ['localhost', 80, 'de', 'direct'],
  ['', 443, 'de', 'direct'],
  ['[not-an-ip]', 443, 'de', 'direct'],
];

describe('decide: every rule form in both modes', () => {
  const exclude = compileRouting(input(RULES));
  const include = compileRouting(input(RULES, { mode: 'include' }));
  it.each(CASES)('%s:%i -> exclude %s, include %s', (host, port, inExclude, inInclude) => {
    expect(route(exclude, host, port)).toBe(inExclude);
    expect(route(include, host, port)).toBe(inInclude);
  });

  it('returns the region servers in failover order', () => {
    expect(decide(exclude, 'anything.test', 443)).toEqual({ type: 'proxy', regionId: 'de', servers: DE });
    expect(decide(exclude, 'jp.test', 443)).toEqual({ type: 'proxy', regionId: 'jp', servers: JP });
  });
});

describe('decide: bypassLocal', () => {
  const on = compileRouting(
    input(
      [
        ['10.0.0.0/8', 'jp'],
        ['localhost', 'jp'],
      ],
      { bypassLocal: true },
    ),
  );
  const off = compileRouting(input([], { bypassLocal: false }));
  it.each([
    ['localhost', 'direct'],
    ['LOCALHOST.', 'direct'],
    ['app.localhost', 'direct'],
    ['printer', 'direct'],
    ['local', 'direct'],
    ['printer.local', 'direct'],
    ['127.0.0.1', 'direct'],
    ['127.255.0.9', 'direct'],
    ['10.1.1.1', 'direct'],
    ['172.16.0.1', 'direct'],
    ['172.31.255.255', 'direct'],
    ['192.168.1.1', 'direct'],
    ['169.254.169.254', 'direct'],
    ['100.64.0.1', 'direct'],
    ['[::1]', 'direct'],
    ['fd12::1', 'direct'],
    ['fc00::1', 'direct'],
    ['fe80::1', 'direct'],
    ['evil-localhost.com', 'de'],
    ['localhost.evil.test', 'de'],
    ['localhostx', 'direct'], // still a dotless name
    ['mylocal', 'direct'],
    ['printer.local.evil.test', 'de'],
    ['172.32.0.1', 'de'],
    ['192.169.0.1', 'de'],
    ['100.128.0.1', 'de'],
    ['8.8.8.8', 'de'],
    ['2001:db8::5', 'de'],
    ['fec0::1', 'de'],
    ['::ffff:10.0.0.1', 'de'], // IPv4-mapped literals are matched as IPv6
  ])('%s -> %s when on', (host, expected) => {
    expect(route(on, host)).toBe(expected);
  });

  it.each(['localhost', 'printer', '192.168.1.1', 'fd12::1', '[::1]'])('%s is proxied when off', (host) => {
    expect(route(off, host)).toBe('de');
  });
});

describe('decide: the most specific rule wins', () => {
  const table = (entries: Entry[]) => compileRouting(input(entries));
  it('longer host suffix beats shorter', () => {
    const t = table(['example.com', ['a.example.com', 'jp']]);
    expect(route(t, 'b.a.example.com')).toBe('jp');
    expect(route(t, 'a.example.com')).toBe('jp');
    expect(route(t, 'b.example.com')).toBe('direct');
  });
  it('=exact beats a domain rule for the same host', () => {
    const t = table([['example.com', 'jp'], '=example.com']);
    expect(route(t, 'example.com')).toBe('direct');
    expect(route(t, 'www.example.com')).toBe('jp');
  });
  it('*.subdomains beats a domain rule for the same suffix', () => {
    const t = table([['example.com', 'jp'], '*.example.com']);
    expect(route(t, 'www.example.com')).toBe('direct');
    expect(route(t, 'example.com')).toBe('jp');
  });
  it('a rule with the request port beats one without, at the same host', () => {
    const t = table([['example.com', 'jp'], 'example.com:8443', ['=example.com', 'empty']]);
    expect(route(t, 'example.com', 8443)).toBe('direct');
    expect(route(t, 'example.com', 443)).toBe('block');
    expect(route(t, 'www.example.com', 443)).toBe('jp');
  });
  it('a longer host suffix beats a port-specific shorter one', () => {
    const t = table(['example.com:443', ['www.example.com', 'jp']]);
    expect(route(t, 'www.example.com', 443)).toBe('jp');
    expect(route(t, 'mail.example.com', 443)).toBe('direct');
  });
  it('the longest network prefix wins, then the port', () => {
    const t = table([
      '10.0.0.0/8',
      ['10.1.0.0/16', 'jp'],
      ['10.1.2.0/24:80', 'empty'],
      ['fd00::/8', 'jp'],
      'fd00:1::/32',
    ]);
    expect(route(t, '10.1.2.3', 443)).toBe('jp');
    expect(route(t, '10.1.2.3', 80)).toBe('block');
    expect(route(t, '10.2.0.1', 443)).toBe('direct');
    expect(route(t, 'fd00:1::9')).toBe('direct');
    expect(route(t, 'fd00:2::9')).toBe('jp');
  });
  it('the first of two identical rules wins', () => {
    expect(route(table([['example.com', 'jp'], 'example.com']), 'example.com')).toBe('jp');
  });
  it('alwaysDirect beats every rule, bypassLocal beats user rules', () => {
    const t = compileRouting(
      input(
        [
          ['account.test', 'jp'],
          ['192.168.0.0/16', 'jp'],
        ],
        { bypassLocal: true },
      ),
    );
    expect(route(t, 'account.test', 443)).toBe('direct');
    expect(route(t, 'account.test', 80)).toBe('jp');
    expect(route(t, '192.168.1.1')).toBe('direct');
  });
  it('a missing or empty default region blocks instead of going direct', () => {
    expect(route(compileRouting(input([], { defaultRegionId: 'nope' })), 'a.test')).toBe('block');
    expect(route(compileRouting(input([], { defaultRegionId: 'empty' })), 'a.test')).toBe('block');
    expect(route(compileRouting(input(['x.test'], { defaultRegionId: 'nope', mode: 'include' })), 'x.test')).toBe(
      'block',
    );
  });
});

describe('portOfUrl reads the authority only', () => {
  it.each([
    ['http://example.com/', 80],
    ['https://example.com/', 443],
    ['ws://example.com/chat', 80],
    ['wss://example.com/chat', 443],
    ['ftp://example.com/', 21],
    ['HTTPS://example.com/', 443],
    ['http://example.com:8080/', 8080],
    ['https://[::1]:8443/', 8443],
    ['https://[::1]/', 443],
    ['http://user:pass@example.com/', 80],
    ['http://user:pass@example.com:81/', 81],
    ['http://example.com/?next=http://other.test:9999/', 80],
    ['http://example.com#:9999', 80],
    ['http://example.com/a:9999', 80],
    ['http://example.com:abc/', 0],
    ['gopher://example.com/', 0],
    ['not a url', 0],
  ])('%s -> %i', (url, port) => {
    expect(portOfUrl(url)).toBe(port);
  });
});

describe('kill switch off (the user chose to fail open)', () => {
  const servers = [{ id: 's1', host: '127.0.0.1', port: 18101, scheme: 'http' as const }];
  const base = {
    entries: [],
    mode: 'exclude' as const,
    bypassLocal: false,
    defaultRegionId: 'de',
    regions: { de: servers },
    alwaysDirect: [],
  };
  it('by default a proxied decision never falls back to direct', () => {
    const d = decide(compileRouting(base), 'site.test', 80);
    expect(d).toEqual({ type: 'proxy', regionId: 'de', servers });
  });
  it('with failOpen the decision says it may go direct when the servers are down', () => {
    const d = decide(compileRouting({ ...base, failOpen: true }), 'site.test', 80);
    expect(d).toEqual({ type: 'proxy', regionId: 'de', servers, failOpen: true });
  });
  it('a region with no servers still blocks, even with failOpen', () => {
    const d = decide(compileRouting({ ...base, defaultRegionId: 'gone', failOpen: true }), 'site.test', 80);
    expect(d).toEqual({ type: 'block' });
  });
});
