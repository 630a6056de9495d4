/**
 * Leak scenarios only Chromium has here (threats T6, T55; oracles O1, O5, O9): the extension's own
 * network traffic (O5 watches Chromium's service worker and extension pages), and a broken PAC
 * script, which only a browser that takes a PAC can meet (Firefox routes with proxy.onRequest).
 * One browser for the file. Names, WebSocket, link hints, storage and errors run in Chromium and
 * Firefox ESR alike: side-channels.e2e.ts; WebRTC, the kill switch, failover and auth scoping:
 * routing.e2e.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pacSettings } from '../../../src/platform/proxy-chromium';
import { backgroundLifecycle, type BackgroundLifecycle } from '../../support/background-lifecycle';
import { recordLeak } from '../../support/leak-report';
import type { ExtGlobal } from '../../support/oracles/ext-chrome';
import { createNetworkAudit } from '../../support/oracles/network-audit';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { requirePositive, requireNoErrors } from './harness';

const REGION = 'de-fra';
let provider: TestProvider;
let origin: LeakOrigin;
let b: ZoneBrowser;
let life: BackgroundLifecycle;
let extensionId = '';
const audit = createNetworkAudit(() => extensionId);

const isAddress = (outcome: string) => /^127\.0\.0\.\d+$/.test(outcome);
const gist = (outcome: string) =>
  /ERR_\w+|HTTP \d+|[Tt]imeout|127\.0\.0\.\d+/.exec(outcome)?.[0] ?? outcome.slice(0, 20);

/** Runs in our page: sets (or, with null, clears) the browser's proxy setting as the extension may. */
function setProxy(value: object | null): Promise<void> {
  const proxy = (globalThis as unknown as ExtGlobal).chrome.proxy.settings;
  return value ? proxy.set(value) : proxy.clear({ scope: 'regular' });
}

beforeAll(async () => {
  [provider, origin, b] = await Promise.all([startTestProvider(), startLeakOrigin(), launchZoneBrowser('chromium')]);
  if (b.driver.name !== 'chromium') throw new Error('a Chromium file');
  ({ extensionId } = b.driver.session);
  audit.attach(b.driver.session.context);
  life = backgroundLifecycle(b);
  await b.useAccountService(provider.accountUrl);
  await b.logIn();
  await b.ui.ask('connect', { regionId: REGION });
  await life.checkpoint();
});

// The worker may be stopped between scenarios: collect its errors and watch the one running now.
afterEach(() => life.checkpoint());

afterAll(async () => {
  await b?.close();
  await Promise.all([provider?.close(), origin?.close()]);
});

describe('Chromium leak suite: the extension’s own traffic, a broken PAC', () => {
  it('network audit: the extension itself talks only to the account service', async ({ task }) => {
    const account = new URL(provider.accountUrl).host;
    recordLeak(task, { browser: 'chromium', positiveControl: audit.requests.length > 0 });
    requirePositive(audit.requests.length > 0, 'the extension’s own requests (login, tokens)');
    const outside = audit.outside([account]);
    recordLeak(task, {
      browser: 'chromium',
      directConnections: outside.length,
      note: `${audit.requests.length} extension requests`,
    });
    expect(outside).toEqual([]);
  });

  // T6: the settings object the product builds (`pacSettings`, src/platform/proxy-chromium.ts) marks
  // the PAC mandatory, so a script Chromium cannot run fails closed; the same script with
  // `mandatory: false` goes direct (the positive control). Set from our page while disconnected.
  it('a broken PAC set with the product’s settings builder blocks; the same one with mandatory:false goes direct', async ({
    task,
  }) => {
    await b.ui.ask('disconnect');
    // A syntax error (the function is never closed): Chromium cannot run this script.
    const settings = pacSettings('function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:9";');
    try {
      await b.ui.run(setProxy, {
        ...settings,
        value: { ...settings.value, pacScript: { ...settings.value.pacScript, mandatory: false } },
      });
      const control = await b.load(origin.url('http', 'pac-control.test'));
      recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
      requirePositive(control === '127.0.0.1', `a direct load under a broken, non-mandatory PAC (${control})`);

      await b.ui.run(setProxy, settings);
      const t0 = Date.now();
      const outcomes = {
        http: await b.load(origin.url('http', 'broken-pac.test')),
        https: await b.load(origin.url('https', 'broken-pac.test')),
        ws: await b.wsProbe(origin.url('ws', 'broken-pac.test')),
      };
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
      await b.ui.run(setProxy, null);
    }
  });

  it('no uncaught error, unhandled rejection or console error in the worker or our pages during the whole file (O9)', async ({
    task,
  }) => {
    await requireNoErrors(task, 'chromium', () => life.errorsWithControl());
  });
});
