/**
 * Hostile proxy behaviour in Chromium (threats T49, T9, O6): a region whose server answers 502,
 * closes mid-answer, presents a certificate the browser does not trust, or challenges with Digest
 * or NTLM. Loads over HTTP, HTTPS and WebSocket must fail with nothing direct, the popup must not
 * claim a healthy connection, and no challenger may receive credentials. The regions list proxies
 * the provider does not run (as a self-hoster lists a Squid), so Chromium gets no
 * --ignore-certificate-errors here: the untrusted proxy must stay untrusted.
 * Last, T6: a syntactically broken PAC in the settings object the product builds fails closed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '../../support/chromium';
import { logIn, useAccountService } from '../../support/chromium-flows';
import { recordLeak } from '../../support/leak-report';
import { pacSettings } from '../../../src/platform/proxy-chromium';
import { load, wsProbe } from '../../support/oracles/chromium-leak';
import type { ExtGlobal } from '../../support/oracles/ext-chrome';
import {
  oracleSeesCredentials,
  startHostileProxy,
  type HostileMode,
  type HostileProxy,
} from '../../support/oracles/hostile-proxy';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startSquidAccountService, type SquidAccountService } from '../../support/squid';
import { ask, controlPage, requirePositive, waitUntil } from './harness';
import {
  expectedPopup,
  gist,
  hostileRegions,
  HOSTILE_MODES,
  isAddress,
  popupVerdict,
  regionOf,
} from './hostile-proxy-common';

const BYPASSED = 'direct.bank.test';
let origin: LeakOrigin;
let account: SquidAccountService;
let browser: ChromiumSession;
let ctl: Page;
const proxies = {} as Record<HostileMode, HostileProxy>;

beforeAll(async () => {
  origin = await startLeakOrigin();
  for (const mode of HOSTILE_MODES) proxies[mode] = await startHostileProxy(mode);
  account = await startSquidAccountService({ regions: hostileRegions(proxies) });
  browser = await launchChromium();
  await useAccountService(browser, account.accountUrl);
  ctl = await controlPage(browser);
  await logIn(ctl);
  await ctl.getByRole('button', { name: 'Connect' }).waitFor();
  await ask(ctl, 'addBypass', { pattern: BYPASSED });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([origin?.close(), account?.close(), ...Object.values(proxies).map((p) => p.close())]);
});

/** HTTPS and WS first, plain HTTP last: a 502 page must not count as "the proxy works again". */
async function loads(host: string): Promise<Record<'https' | 'ws' | 'http', string>> {
  const blank = await browser.context.newPage();
  try {
    return {
      https: await load(browser, origin.url('https', host), 10_000),
      ws: await wsProbe(blank, origin.url('ws', host)),
      http: await load(browser, origin.url('http', host), 10_000),
    };
  } finally {
    await blank.close();
  }
}

/** What a user sees in the popup: the status line and any alert. */
async function popupSays(): Promise<{ status: string; alert: string }> {
  const popup = await browser.openPopup();
  try {
    const status = (await popup.getByRole('status').textContent()) ?? '';
    const alert = (await popup.getByRole('alert').allTextContents()).join(' ');
    return { status, alert };
  } finally {
    await popup.close();
  }
}

describe('Chromium leak suite: hostile proxy', () => {
  for (const mode of HOSTILE_MODES) {
    it(`${mode}: HTTP, HTTPS, WS fail, nothing direct, no credentials, popup ${expectedPopup('chromium', mode)}`, async ({
      task,
    }) => {
      const proxy = proxies[mode];
      await ask(ctl, 'connect', { regionId: regionOf(mode) });

      const t0 = Date.now();
      const blank = await browser.context.newPage();
      const control = {
        http: await load(browser, origin.url('http', BYPASSED)),
        https: await load(browser, origin.url('https', BYPASSED)), // untrusted origin: the TCP hit counts
        ws: await wsProbe(blank, origin.url('ws', BYPASSED)),
      };
      await blank.close();
      const directSeen =
        control.http === '127.0.0.1' && control.ws === '127.0.0.1' && origin.directConnections(t0, 'https').length > 0;
      const oracleSees = await oracleSeesCredentials(proxy);
      recordLeak(task, { browser: 'chromium', positiveControl: directSeen && oracleSees });
      requirePositive(directSeen, `direct HTTP, HTTPS and WS on a bypassed host (${JSON.stringify(control)})`);
      requirePositive(oracleSees, 'a Proxy-Authorization sent to the hostile proxy');

      const credentialsBefore = proxy.credentials.length;
      const tried = proxy.connections();
      const t1 = Date.now();
      const outcomes = await loads(`${mode.toLowerCase()}.hostile.test`);
      const direct = origin.directConnections(t1).length;
      const received = proxy.credentials.slice(credentialsBefore);
      let seen = await popupSays();
      // The status follows the browser's error events: give it time to arrive, then judge.
      await waitUntil(
        async () => popupVerdict((seen = await popupSays())) === expectedPopup('chromium', mode),
        10_000,
      ).catch(() => undefined);
      recordLeak(task, {
        browser: 'chromium',
        directConnections: direct,
        note: `popup ${popupVerdict(seen)}, ${received.length} creds; ${Object.values(outcomes).map(gist).join(' ')}`,
      });
      expect(direct).toBe(0);
      expect(Object.values(outcomes).filter(isAddress)).toEqual([]);
      expect(proxy.connections(), 'the browser tried the hostile proxy').toBeGreaterThan(tried);
      expect(received).toEqual([]);
      expect({ verdict: popupVerdict(seen), ...seen }, 'what the popup tells the user').toMatchObject({
        verdict: expectedPopup('chromium', mode),
      });
    });
  }
});

describe('Chromium leak suite: invalid PAC (T6)', () => {
  it('a broken PAC set with the product’s settings builder blocks; the same one with mandatory:false goes direct', async ({
    task,
  }) => {
    await ask(ctl, 'disconnect');
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
