// F6 (AdGuard chrome/proxyApi.ts:121 and Proton proxy.ts:134 leave pacScript.mandatory false: an
// invalid PAC silently means DIRECT): every PAC the Chromium adapter sets is mandatory, and the
// script itself answers the dead loopback proxy on any exception.
import { afterEach, describe, expect, it } from 'vitest';
import { generatePac } from '../../../src/core/pac-script';
import { compileRouting } from '../../../src/core/routing';
import { loadPac } from '../pac-sandbox';
import { input } from '../routing-fixtures';

const sets: unknown[] = [];
function fakeChrome() {
  const noop = async () => undefined;
  (globalThis as Record<string, unknown>).chrome = {
    proxy: {
      settings: {
        set: async (d: unknown) => void sets.push(d),
        clear: noop,
        get: async () => ({ levelOfControl: 'controlled_by_this_extension' }),
        onChange: { addListener() {} },
      },
    },
    declarativeNetRequest: { updateDynamicRules: noop, updateSessionRules: noop },
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).chrome;
  sets.length = 0;
});

describe('anchor F6: mandatory PAC, never a silent DIRECT', () => {
  it('the Chromium adapter sets pacScript.mandatory = true', async () => {
    fakeChrome();
    const { chromiumProxy } = await import('../../../src/platform/proxy-chromium');
    await chromiumProxy.apply({ data: generatePac(compileRouting(input([]))), directHosts: ['account.test'] });
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ value: { mode: 'pac_script', pacScript: { mandatory: true } }, scope: 'regular' });
  });
  it('a PAC whose data is broken answers the dead proxy, not DIRECT', () => {
    const pac = generatePac(compileRouting(input([]))).replace(/var DATA = .*;\n/, 'var DATA = {"layers": 5};\n');
    expect(loadPac(pac).findProxyForURL('https://site.test/', 'site.test')).toBe('PROXY 127.0.0.1:9');
  });
});
