// F1 (AdGuard pacGenerator.ts:26, Proton proxy.ts:146, Windscribe proxyConfig.ts:58/93): server
// host names interpolated raw into the PAC. A hostile region list must be refused, or be inert data.
import { describe, expect, it } from 'vitest';
import { generatePac, PAC_SKELETON, pacCodePart } from '../../../src/core/pac-script';
import { compileRouting, RoutingInputError } from '../../../src/core/routing';
import { loadPac } from '../pac-sandbox';
import { input } from '../routing-fixtures';

const HOSTILE_HOSTS = [
  'evil"; return "DIRECT"; //',
  "x'+'DIRECT",
  'a b',
  'DIRECT',
  'h;PROXY x:1',
  'a\nb',
  'x\u2028y',
  '*/ DIRECT /*',
];

describe('anchor F1: server values never become PAC code', () => {
  for (const host of HOSTILE_HOSTS) {
    it(`server host ${JSON.stringify(host)} is refused or stays data`, () => {
      let table;
      try {
        table = compileRouting(input([], { regions: { de: [{ id: 'x', host, port: 443, scheme: 'https' }] } }));
      } catch (error) {
        expect(error).toBeInstanceOf(RoutingInputError);
        return;
      }
      const pac = generatePac(table);
      expect(pacCodePart(pac)).toBe(PAC_SKELETON);
      expect(loadPac(pac).findProxyForURL('https://site.test/', 'site.test')).not.toContain('DIRECT');
    });
  }
  for (const port of ['443', 0, 65536, 443.5, -1]) {
    it(`server port ${JSON.stringify(port)} is refused`, () => {
      expect(() =>
        compileRouting(
          input([], { regions: { de: [{ id: 'x', host: 'p.test', port: port as number, scheme: 'https' }] } }),
        ),
      ).toThrow(RoutingInputError);
    });
  }
});
