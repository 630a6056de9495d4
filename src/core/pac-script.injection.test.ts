/**
 * Hostile strings in every slot a value can reach the PAC script through: as user entries (those
 * the parser accepts), as region ids, as server hosts (which must be refused) and as alwaysDirect
 * entries. The code part must never change, and no other host's route may move.
 */
import { describe, expect, it } from 'vitest';
import type { ProxyServer } from '../shared/provider-types';
import { injectionCorpus } from '../../test/unit/injection-corpus';
import { createPacRuntime, type DnsCall } from '../../test/unit/pac-sandbox';
import { formatRule, parseBypassEntry, type Rule } from './bypass-rules';
import { generatePac, pacCodePart, pacData, PAC_SKELETON } from './pac-script';
import { compileRouting, decide, RoutingInputError, type RoutingInput } from './routing';

const CORPUS = injectionCorpus();
const SERVERS: ProxyServer[] = [{ id: 'a', host: 'de1.proxy.test', port: 443, scheme: 'https' }];
const BASE: RoutingInput = {
  entries: ['bank.test', '10.0.0.0/8', '=exact.test:8443'].map((text) => ({
    rule: (parseBypassEntry(text) as { rule: Rule }).rule,
  })),
  mode: 'exclude',
  bypassLocal: true,
  defaultRegionId: 'de',
  regions: { de: SERVERS },
  alwaysDirect: ['account.test:443'],
};
const PROBES: [url: string, host: string][] = [
  ['https://probe.example.net/', 'probe.example.net'],
  ['https://bank.test/', 'bank.test'],
  ['https://www.bank.test/', 'www.bank.test'],
  ['http://evil.test/?u=://bank.test/', 'evil.test'],
  ['https://exact.test:8443/', 'exact.test'],
  ['https://account.test/', 'account.test'],
  ['http://10.9.8.7/', '10.9.8.7'],
  ['http://203.0.113.9/', '203.0.113.9'],
  ['http://[2001:db8::99]/', '2001:db8::99'],
  ['http://printer/', 'printer'],
];

const dnsCalls: DnsCall[] = [];
const loadPac = createPacRuntime(dnsCalls);
const routes = (input: RoutingInput) => {
  const pac = generatePac(compileRouting(input));
  expect(pacCodePart(pac)).toBe(PAC_SKELETON);
  const sandbox = loadPac(pac);
  return PROBES.map(([url, host]) => sandbox.findProxyForURL(url, host));
};
const baseline = routes(BASE);

/** Whether the rule could plausibly cover the probe host (then its route may legitimately change). */
function touches(rule: Rule, host: string): boolean {
  if (rule.kind === 'ip' || rule.kind === 'cidr') return /^[0-9.]+$|:/.test(host);
  return host === rule.host || host.endsWith(`.${rule.host}`) || rule.host.endsWith(host);
}

describe('injection corpus', () => {
  it('holds at least 500 distinct hostile strings', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(500);
  });

  it('as user entries: accepted ones are inert canonical data and move no other host', () => {
    let accepted = 0;
    CORPUS.forEach((text, index) => {
      const parsed = parseBypassEntry(text);
      if (!parsed.ok) {
        expect(parsed.error).toMatch(/\.$/);
        return;
      }
      accepted++;
      expect(formatRule(parsed.rule)).toMatch(/^[=*]?[a-z0-9_.:/[\]*-]+$/);
      const entry = index % 2 ? { rule: parsed.rule, regionId: 'de' } : { rule: parsed.rule };
      const after = routes({ ...BASE, entries: [...BASE.entries, entry] });
      PROBES.forEach(([, host], i) => {
        if (!touches(parsed.rule, host)) expect([text, host, after[i]]).toEqual([text, host, baseline[i]]);
      });
    });
    expect(accepted).toBeGreaterThan(50);
  });

  it('as region ids: stay data, and each routes only its own entry', () => {
    // Object.fromEntries, like the background, so `__proto__` becomes an own key, not a prototype.
    const regions: Record<string, ProxyServer[]> = Object.fromEntries([
      ['de', SERVERS],
      ...CORPUS.map((regionId, i) => [
        regionId,
        [{ id: regionId, host: 'jp.proxy.test', port: 1000 + i, scheme: 'http' }],
      ]),
    ]);
    const entries = [...BASE.entries];
    CORPUS.forEach((regionId, i) => entries.push({ rule: { kind: 'domain', host: `r${i}.routed.test` }, regionId }));
    const input = { ...BASE, entries, regions };
    expect(routes(input)).toEqual(baseline);
    const sandbox = loadPac(generatePac(compileRouting(input)));
    CORPUS.forEach((regionId, i) => {
      const host = `x.r${i}.routed.test`;
      expect([regionId, sandbox.findProxyForURL(`https://${host}/`, host)]).toEqual([
        regionId,
        `PROXY jp.proxy.test:${1000 + i}`,
      ]);
    });
    for (const regionId of CORPUS) {
      const table = compileRouting({
        ...BASE,
        defaultRegionId: regionId,
        regions: Object.fromEntries([[regionId, SERVERS]]),
      });
      const pac = generatePac(table);
      expect(pacCodePart(pac)).toBe(PAC_SKELETON);
      expect(pacData(pac)).toEqual(table);
      expect(decide(table, 'probe.example.net', 443)).toEqual({ type: 'proxy', regionId, servers: SERVERS });
    }
  });

  it('as server hosts: refused with RoutingInputError, or a plain host name that stays one', () => {
    let refused = 0;
    for (const host of CORPUS) {
      const input = { ...BASE, regions: { de: [{ id: 'x', host, port: 443, scheme: 'https' as const }] } };
      let table;
      try {
        table = compileRouting(input);
      } catch (error) {
        expect(error, host).toBeInstanceOf(RoutingInputError);
        refused++;
        continue;
      }
      const bare = host.replace(/^\[(.*)\]$/, '$1');
      expect(bare).toMatch(/^[a-z0-9.-]+$|^[0-9a-f:.]*:[0-9a-f:.]*$/);
      const expected = bare.includes(':') ? `HTTPS [${bare}]:443` : `HTTPS ${bare}:443`;
      const sandbox = loadPac(generatePac(table));
      expect(sandbox.findProxyForURL('https://probe.example.net/', 'probe.example.net')).toBe(expected);
    }
    expect(refused).toBeGreaterThan(CORPUS.length * 0.9);
  });

  it('as alwaysDirect entries: refused or an exact host, never code', () => {
    for (const entry of CORPUS) {
      let table;
      try {
        table = compileRouting({ ...BASE, alwaysDirect: [entry] });
      } catch (error) {
        expect(error).toBeInstanceOf(RoutingInputError);
        continue;
      }
      expect(pacCodePart(generatePac(table))).toBe(PAC_SKELETON);
      expect(Object.keys(table.layers[0]?.keys ?? {}).every((key) => /^(e|4|6):/.test(key))).toBe(true);
    }
  });

  it('made no DNS-helper call in any of these scripts', () => {
    expect(dnsCalls).toEqual([]);
  });
});
