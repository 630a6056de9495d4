// F5 (Proton include-only PAC: unguarded isInNet(host, …) on a CIDR entry, proxy.ts:88): the PAC
// must call no DNS helper for a host name, even with CIDR and IPv6 rules present.
import { describe, expect, it } from 'vitest';
import { generatePac } from '../../../src/core/pac-script';
import { compileRouting } from '../../../src/core/routing';
import { loadPac, type DnsCall } from '../pac-sandbox';
import { input } from '../routing-fixtures';

describe('anchor F5: no DNS helper on host names', () => {
  for (const mode of ['exclude', 'include'] as const) {
    it(`${mode} mode with CIDR rules resolves nothing`, () => {
      const calls: DnsCall[] = [];
      const table = compileRouting(
        input(['10.0.0.0/8', '192.168.0.0/16', '[fd00::]/8', 'bank.test'], { mode, bypassLocal: true }),
      );
      const pac = loadPac(generatePac(table), calls);
      for (const host of ['site.test', 'intranet', 'bank.test', 'a.b.c.example', '10.1.2.3', 'fd00::1'])
        pac.findProxyForURL(`https://${host}/`, host);
      expect(calls).toEqual([]);
    });
  }
  it('an IP literal inside a CIDR rule is still matched without DNS', () => {
    const calls: DnsCall[] = [];
    const pac = loadPac(generatePac(compileRouting(input(['10.0.0.0/8']))), calls);
    expect(pac.findProxyForURL('http://10.9.8.7/', '10.9.8.7')).toBe('DIRECT');
    expect(calls).toEqual([]);
  });
});
