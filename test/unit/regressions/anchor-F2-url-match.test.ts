// F2 (Windscribe proxyConfig.ts:70, shExpMatch on the URL): a bypassed name in the query string must
// not send another host direct. Chromium passes the full http:// URL to FindProxyForURL.
import { describe, expect, it } from 'vitest';
import { generatePac } from '../../../src/core/pac-script';
import { compileRouting, decide, portOfUrl } from '../../../src/core/routing';
import { loadPac } from '../pac-sandbox';
import { input } from '../routing-fixtures';

describe('anchor F2: routing decides on the host, never the URL', () => {
  const table = compileRouting(input(['bank.test']));
  const pac = loadPac(generatePac(table));
  const urls = [
    'http://evil.test/?u=://bank.test/',
    'http://evil.test/bank.test',
    'http://bank.test@evil.test/',
    'http://evil.test/#bank.test',
    'http://evil.test/*://bank.test/*',
  ];
  for (const url of urls) {
    it(`${url} is proxied (PAC and TS matcher)`, () => {
      expect(pac.findProxyForURL(url, 'evil.test')).not.toBe('DIRECT');
      expect(decide(table, 'evil.test', portOfUrl(url)).type).toBe('proxy');
    });
  }
  it('the bypassed host itself is direct', () => {
    expect(pac.findProxyForURL('http://bank.test/', 'bank.test')).toBe('DIRECT');
  });
});
