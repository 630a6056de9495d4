/**
 * T6 in Chromium: a syntactically broken PAC script in the settings object the product builds
 * (`pacSettings`, src/platform/proxy-chromium.ts) fails closed, because the product marks it
 * mandatory; the same script with `mandatory: false` goes direct (the positive control). Firefox
 * has no PAC in the product (proxy.onRequest), so this scenario is Chromium's alone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pacSettings } from '../../../src/platform/proxy-chromium';
import { recordLeak } from '../../support/leak-report';
import { launchLeakChromium, load, wsProbe, type LeakChromium } from '../../support/oracles/chromium-leak';
import type { ExtGlobal } from '../../support/oracles/ext-chrome';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { controlPage, requirePositive } from './harness';

let origin: LeakOrigin;
let browser: LeakChromium;
let ctl: Page;

const isAddress = (outcome: string) => /^127\.0\.0\.\d+$/.test(outcome);
const gist = (outcome: string) =>
  /ERR_\w+|HTTP \d+|[Tt]imeout|127\.0\.0\.\d+/.exec(outcome)?.[0] ?? outcome.slice(0, 20);

beforeAll(async () => {
  origin = await startLeakOrigin();
  browser = await launchLeakChromium();
  ctl = await controlPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await origin?.close();
});

describe('Chromium leak suite: invalid PAC (T6)', () => {
  it('a broken PAC set with the product’s settings builder blocks; the same one with mandatory:false goes direct', async ({
    task,
  }) => {
    // A syntax error (the function is never closed): Chromium cannot run this script.
    const settings = pacSettings('function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:9";');
    const setProxy = (value: object) =>
      ctl.evaluate((v) => (globalThis as unknown as ExtGlobal).chrome.proxy.settings.set(v), value);
    try {
      await setProxy({
        ...settings,
        value: { ...settings.value, pacScript: { ...settings.value.pacScript, mandatory: false } },
      });
      const control = await load(browser, origin.url('http', 'pac-control.test'));
      recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
      requirePositive(control === '127.0.0.1', `a direct load under a broken, non-mandatory PAC (${control})`);

      await setProxy(settings);
      const t0 = Date.now();
      const blank = await browser.context.newPage();
      const outcomes = {
        http: await load(browser, origin.url('http', 'broken-pac.test')),
        https: await load(browser, origin.url('https', 'broken-pac.test')),
        ws: await wsProbe(blank, origin.url('ws', 'broken-pac.test')),
      };
      await blank.close();
      const direct = origin.directConnections(t0).length;
      recordLeak(task, {
        browser: 'chromium',
        directConnections: direct,
        note: `mandatory: ${Object.values(outcomes).map(gist).join(' ')}`,
      });
      expect(settings.value.pacScript.mandatory).toBe(true);
      expect(direct).toBe(0);
      expect(outcomes.http).toContain('ERR_MANDATORY_PROXY_CONFIGURATION_FAILED');
      expect(Object.values(outcomes).filter(isAddress)).toEqual([]);
    } finally {
      await ctl.evaluate(() => (globalThis as unknown as ExtGlobal).chrome.proxy.settings.clear({ scope: 'regular' }));
    }
  });
});
