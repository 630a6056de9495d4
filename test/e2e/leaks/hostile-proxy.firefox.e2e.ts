/**
 * Hostile proxy behaviour in Firefox ESR (threats T49, T9, O6): the scenarios of
 * hostile-proxy.chromium.e2e.ts through proxy.onRequest. Firefox is launched without
 * acceptInsecureCerts, so the untrusted TLS proxy stays untrusted (the positive control counts the
 * direct TCP connection to the HTTPS origin, whose certificate is not trusted either).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, openExtensionPage, textOf, type FirefoxSession } from '../../support/firefox';
import { logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { loadFx, wsProbeFx } from '../../support/oracles/firefox-leak';
import {
  oracleSeesCredentials,
  startHostileProxy,
  type HostileMode,
  type HostileProxy,
} from '../../support/oracles/hostile-proxy';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startSquidAccountService, type SquidAccountService } from '../../support/squid';
import { requirePositive, waitUntil } from './harness';
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
let firefox: FirefoxSession;
let ui: Page;
const proxies = {} as Record<HostileMode, HostileProxy>;

/** Sends a request to the background from the extension's own tab, as the popup does. */
async function ask(name: string, input?: unknown): Promise<void> {
  const answer = await ui.evaluate(
    (name, input) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }
      ).browser.runtime.sendMessage({ name, input }),
    name,
    input,
  );
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer)}`);
}

beforeAll(async () => {
  origin = await startLeakOrigin();
  for (const mode of HOSTILE_MODES) proxies[mode] = await startHostileProxy(mode);
  account = await startSquidAccountService({ regions: hostileRegions(proxies) });
  firefox = await launchFirefox();
  ui = firefox.extensionPage;
  await useAccountService(ui, account.accountUrl);
  await logIn(ui);
  await ask('addBypass', { pattern: BYPASSED });
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([origin?.close(), account?.close(), ...Object.values(proxies).map((p) => p.close())]);
});

/** HTTPS and WS first, plain HTTP last: a 502 page must not count as "the proxy works again". */
async function loads(host: string): Promise<Record<'https' | 'ws' | 'http', string>> {
  const blank = await firefox.browser.newPage();
  try {
    return {
      https: await loadFx(firefox, origin.url('https', host), 10_000),
      ws: await wsProbeFx(blank, origin.url('ws', host)),
      http: await loadFx(firefox, origin.url('http', host), 10_000),
    };
  } finally {
    await blank.close();
  }
}

/** What a user sees in the popup: the status line and any alert. */
async function popupSays(): Promise<{ status: string; alert: string }> {
  await openExtensionPage(ui, 'popup/popup.html');
  const status = await textOf(ui, '[role=status]');
  const alert = await ui.evaluate(() =>
    [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent ?? '').join(' '),
  );
  return { status, alert };
}

describe('Firefox leak suite: hostile proxy', () => {
  for (const mode of HOSTILE_MODES) {
    it(`${mode}: HTTP, HTTPS, WS fail, nothing direct, no credentials, popup ${expectedPopup('firefox', mode)}`, async ({
      task,
    }) => {
      const proxy = proxies[mode];
      await ask('connect', { regionId: regionOf(mode) });

      const t0 = Date.now();
      const blank = await firefox.browser.newPage();
      const control = {
        http: await loadFx(firefox, origin.url('http', BYPASSED)),
        https: await loadFx(firefox, origin.url('https', BYPASSED), 5_000), // untrusted origin: the TCP hit counts
        ws: await wsProbeFx(blank, origin.url('ws', BYPASSED)),
      };
      await blank.close();
      const directSeen =
        control.http === '127.0.0.1' && control.ws === '127.0.0.1' && origin.directConnections(t0, 'https').length > 0;
      const oracleSees = await oracleSeesCredentials(proxy);
      recordLeak(task, { browser: 'firefox', positiveControl: directSeen && oracleSees });
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
        async () => popupVerdict((seen = await popupSays())) === expectedPopup('firefox', mode),
        10_000,
      ).catch(() => undefined);
      recordLeak(task, {
        browser: 'firefox',
        directConnections: direct,
        note: `popup ${popupVerdict(seen)}, ${received.length} creds; ${Object.values(outcomes).map(gist).join(' ')}`,
      });
      expect(direct).toBe(0);
      expect(Object.values(outcomes).filter(isAddress)).toEqual([]);
      expect(proxy.connections(), 'the browser tried the hostile proxy').toBeGreaterThan(tried);
      expect(received).toEqual([]);
      expect({ verdict: popupVerdict(seen), ...seen }, 'what the popup tells the user').toMatchObject({
        verdict: expectedPopup('firefox', mode),
      });
    });
  }
});
