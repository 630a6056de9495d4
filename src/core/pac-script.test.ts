import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SERVERS_BY_REGION as SERVERS } from '../../test/support/regions';
import { DNS_HELPERS, loadPac, type DnsCall } from '../../test/unit/pac-sandbox';
import { blockingInput } from '../../test/unit/routing-fixtures';
import { parseBypassEntry } from './bypass-rules';
import { PAC_CODE } from './pac-skeleton';
import { BLOCK_PAC_ANSWER, generatePac, pacAnswer, pacCodePart, pacData, PAC_SKELETON } from './pac-script';
import { compileRouting, decide, portOfUrl, type RoutingInput, type RoutingTable } from './routing';

const DE_ANSWER = 'HTTPS de1.proxy.test:443; SOCKS5 [2001:db8::10]:1080; PROXY 198.51.100.7:3128';

function routingInput(lines: (string | [string, string])[], patch: Partial<RoutingInput> = {}): RoutingInput {
  const entries = lines.map((line) => {
    const [text, regionId] = typeof line === 'string' ? [line, undefined] : line;
    const parsed = parseBypassEntry(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return regionId === undefined ? { rule: parsed.rule } : { rule: parsed.rule, regionId };
  });
  return {
    entries,
    mode: 'exclude',
    bypassLocal: true,
    defaultRegionId: 'de',
    regions: SERVERS,
    alwaysDirect: ['account.test:443'],
    ...patch,
  };
}

const pacFor = (input: RoutingInput, calls?: DnsCall[]) => loadPac(generatePac(compileRouting(input)), calls);

describe('generated PAC script', () => {
  const tables: RoutingTable[] = [
    compileRouting(routingInput([])),
    compileRouting(routingInput(['bank.test', '10.0.0.0/8', '[fd00::]/8:443', ['jp.test', 'jp']], { mode: 'include' })),
    compileRouting(
      routingInput([], {
        regions: { '"};return "DIRECT";//\u2028</script>': SERVERS.jp ?? [] },
        defaultRegionId: '"};return "DIRECT";//\u2028</script>',
      }),
    ),
    compileRouting(blockingInput(['account.test:443'])),
  ];

  it('has the same code part, byte for byte, for every table, and carries the table as data', () => {
    for (const table of tables) {
      const pac = generatePac(table);
      expect(pacCodePart(pac)).toBe(PAC_SKELETON);
      expect(pacData(pac)).toEqual(table);
    }
  });

  it('escapes U+2028, U+2029 and < in the data line', () => {
    const dataLine = generatePac(tables[2] as RoutingTable).split('\n')[1] ?? '';
    expect(dataLine).toMatch(/^var DATA = \{.*\};$/);
    expect(dataLine).not.toMatch(/[\u2028\u2029<>]/);
    expect(dataLine).toContain('\\u2028\\u003c/script\\u003e');
  });

  it('rejects a data line that is not pure JSON', () => {
    const pac = generatePac(tables[0] as RoutingTable).replace('var DATA = {', 'var DATA = alert(1)||{');
    expect(() => pacCodePart(pac)).toThrow();
  });

  it('is ES5 with no DNS helper, and parses', () => {
    for (const helper of DNS_HELPERS) expect(PAC_CODE).not.toContain(helper);
    expect(PAC_CODE).not.toMatch(/=>|`|\blet\b|\bconst\b|\bclass\b|\.\.\.|\?\?|\?\./);
    expect(() => new vm.Script(generatePac(tables[1] as RoutingTable))).not.toThrow();
  });

  it('answers each scheme with its keyword, brackets IPv6 proxies, never ends a proxy list in DIRECT', () => {
    const pac = pacFor(routingInput(['bank.test', ['jp.test', 'jp'], ['dead.test', 'empty']]));
    expect(pac.findProxyForURL('https://site.test/', 'site.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('https://jp.test/', 'jp.test')).toBe('PROXY jp.proxy.test:8080');
    expect(pac.findProxyForURL('https://bank.test/', 'bank.test')).toBe('DIRECT');
    expect(pac.findProxyForURL('https://dead.test/', 'dead.test')).toBe(BLOCK_PAC_ANSWER);
    expect(BLOCK_PAC_ANSWER).toBe('PROXY 127.0.0.1:9');
  });

  it('decides on the host, never on the URL path or query', () => {
    const pac = pacFor(routingInput(['bank.test']));
    expect(pac.findProxyForURL('http://evil.test/?u=://bank.test/', 'evil.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('http://evil.test/bank.test', 'evil.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('http://evil.test/#bank.test', 'evil.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('http://bank.test@evil.test/', 'evil.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('http://bank.test.evil.test/', 'bank.test.evil.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('http://evilbank.test/', 'evilbank.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('http://x.bank.test/?u=evil.test', 'x.bank.test')).toBe('DIRECT');
  });

  it('derives the port from the authority, as portOfUrl does, and proxies ws/wss like http/https', () => {
    const pac = pacFor(routingInput(['bank.test:8443', 'ws.test:80']));
    const zvPort = pac.global('zvPort') as (url: string) => number;
    for (const url of [
      'http://a.test/',
      'https://a.test/',
      'ws://a.test/',
      'wss://a.test/',
      'https://a.test:8443/x?p=:80',
      'http://[::1]:81/',
      'https://[::1]/',
      'http://u:p@a.test:82/',
      'ftp://a.test/',
      'x://a.test/',
      'nonsense',
    ]) {
      expect(zvPort(url)).toBe(portOfUrl(url));
    }
    expect(pac.findProxyForURL('https://bank.test:8443/', 'bank.test')).toBe('DIRECT');
    expect(pac.findProxyForURL('https://bank.test/?port=:8443', 'bank.test')).toBe(DE_ANSWER);
    expect(pac.findProxyForURL('ws://ws.test/', 'ws.test')).toBe('DIRECT');
    expect(pac.findProxyForURL('wss://ws.test/', 'ws.test')).toBe(DE_ANSWER);
  });

  it('fails closed when the data is damaged', () => {
    const table = compileRouting(routingInput([]));
    const broken = {
      ...table,
      regions: [{ id: 'de', servers: [{ id: 'x', host: 'a; DIRECT', port: 1, scheme: 'https' }] }],
    } as RoutingTable;
    expect(loadPac(generatePac(broken)).findProxyForURL('https://a.test/', 'a.test')).toBe(BLOCK_PAC_ANSWER);
    const noLayers = { ...table, layers: null } as unknown as RoutingTable;
    expect(loadPac(generatePac(noLayers)).findProxyForURL('https://a.test/', 'a.test')).toBe(BLOCK_PAC_ANSWER);
    expect(pacAnswer(decide(broken, 'a.test', 443))).toBe(BLOCK_PAC_ANSWER);
  });
});

describe('odd spellings of an entry meet the canonical host the browser sends', () => {
  // Browsers canonicalise URL hosts before the PAC sees them; entries go through the same parser.
  it.each([
    ['0x7f.0.0.2', '127.0.0.2'],
    ['2130706434', '127.0.0.2'],
    ['0177.0.0.2', '127.0.0.2'],
    ['127.2', '127.0.0.2'],
    ['1.2.3', '1.2.0.3'],
    ['[2001:DB8:0:0:0:0:0:7]', '2001:db8::7'],
    ['2001:db8::0:7', '2001:db8::7'],
    ['https://[2001:db8::7]/', '[2001:db8::7]'],
    ['BÜCHER.de', 'xn--bcher-kva.de'],
    ['bücher.de.', 'www.xn--bcher-kva.de'],
    ['ｅｘａｍｐｌｅ。com', 'example.com'],
    ['EXAMPLE.COM', 'Example.Com.'],
  ])('%s matches %s', (entry, host) => {
    const table = compileRouting(routingInput([entry], { bypassLocal: false }));
    expect(pacAnswer(decide(table, host, 443))).toBe('DIRECT');
    expect(loadPac(generatePac(table)).findProxyForURL(`https://${host}/`, host)).toBe('DIRECT');
    expect(loadPac(generatePac(table)).findProxyForURL('https://other.test/', 'other.test')).toBe(DE_ANSWER);
  });
});

describe('the blocking PAC (blockingMode while connecting)', () => {
  it('lets only alwaysDirect hosts through and blocks the rest, local names included', () => {
    const pac = loadPac(generatePac(compileRouting(blockingInput(['account.test:443', '127.0.0.1:8787']))));
    expect(pac.findProxyForURL('https://account.test/', 'account.test')).toBe('DIRECT');
    expect(pac.findProxyForURL('http://127.0.0.1:8787/', '127.0.0.1')).toBe('DIRECT');
    for (const [url, host] of [
      ['http://account.test/', 'account.test'],
      ['https://x.account.test/', 'x.account.test'],
      ['https://example.com/', 'example.com'],
      ['http://localhost/', 'localhost'],
      ['http://10.0.0.1/', '10.0.0.1'],
    ]) {
      expect(pac.findProxyForURL(url as string, host as string)).toBe(BLOCK_PAC_ANSWER);
    }
    expect(pacCodePart(generatePac(compileRouting(blockingInput([]))))).toBe(PAC_SKELETON);
  });
});

describe('the DNS-helper spies see DNS use (positive control)', () => {
  it('catch a naive PAC that calls isInNet on a host name', () => {
    const calls: DnsCall[] = [];
    const naive = loadPac(
      'function FindProxyForURL(url, host) { if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "DIRECT"; return "PROXY p:1"; }',
      calls,
    );
    expect(() => naive.findProxyForURL('http://example.com/', 'example.com')).toThrow(/resolve a host name/);
    expect(calls).toHaveLength(1);
  });

  it('provide the standard helpers', () => {
    const pac = loadPac(
      'function FindProxyForURL(u, h) { return [isPlainHostName(h), dnsDomainIs(h, ".b.test"), shExpMatch(h, "*.test"), localHostOrDomainIs(h, "a.b.test"), dnsDomainLevels(h)].join(); }',
    );
    expect(pac.findProxyForURL('http://a.b.test/', 'a.b.test')).toBe('false,true,true,true,2');
  });
});
