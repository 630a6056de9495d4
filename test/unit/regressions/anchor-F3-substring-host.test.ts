// F3 (Mullvad socksProxy.ts:154, hostname.includes('localhost') → direct): matching must stop at
// label boundaries; special local names by exact rule only.
import { describe, expect, it } from 'vitest';
import { generatePac } from '../../../src/core/pac-script';
import { compileRouting } from '../../../src/core/routing';
import { loadPac } from '../pac-sandbox';
import { input, route } from '../routing-fixtures';

describe('anchor F3: no substring host matching', () => {
  const table = compileRouting(input(['bank.test'], { bypassLocal: true }));
  const pac = loadPac(generatePac(table));
  const proxied = [
    'localhost.attacker.example',
    'evil-localhost.com',
    'evilbank.test',
    'bank.test.evil.test',
    'bank-test.example',
    'xbank.test',
    'localhost.com',
  ];
  for (const host of proxied) {
    it(`${host} is proxied`, () => {
      expect(route(table, host)).toBe('de');
      expect(pac.findProxyForURL(`https://${host}/`, host)).not.toBe('DIRECT');
    });
  }
  for (const host of ['bank.test', 'www.bank.test', 'localhost']) {
    it(`${host} is direct`, () => expect(route(table, host)).toBe('direct'));
  }
});
