/**
 * Leak scenarios only Chromium has here (threats T5, T55; oracles O2, O5, O9): the extension's own
 * network traffic (O5 watches Chromium's service worker and extension pages) and the known
 * limitation of Chromium's resolver. One browser for the file, with its resolver log on
 * (test/support/oracles/resolver-log.ts). WebSocket, link hints, storage and errors run in Chromium
 * and Firefox ESR alike: hints.e2e.ts; WebRTC, the kill switch, failover and auth scoping:
 * routing.e2e.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backgroundLifecycle, type BackgroundLifecycle } from '../../support/background-lifecycle';
import { recordLeak } from '../../support/leak-report';
import { createNetworkAudit } from '../../support/oracles/network-audit';
import { startLeakOrigin } from '../../support/oracles/origins';
import type { ResolverLog } from '../../support/oracles/resolver-log';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { requirePositive, sleep } from './harness';

const REGION = 'de-fra';
let provider: TestProvider;
let b: ZoneBrowser;
let dns: ResolverLog;
let life: BackgroundLifecycle;
let extensionId = '';
const audit = createNetworkAudit(() => extensionId);

beforeAll(async () => {
  [provider, b] = await Promise.all([startTestProvider(), launchZoneBrowser('chromium', { resolverLog: true })]);
  if (b.driver.name !== 'chromium') throw new Error('a Chromium file');
  ({ extensionId } = b.driver.session);
  audit.attach(b.driver.session.context);
  dns = b.resolverLog!;
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
  await provider?.close();
});

describe('Chromium leak suite: routing', () => {
  // KNOWN LIMITATION, found by this suite (see docs/security.md): Chromium 156 asks its host
  // resolver for the host of a request (is_speculative:false) even when the PAC sends that request
  // to a proxy, also with privacy.network.networkPredictionEnabled=false: here the top-level
  // navigation's host, in hints.e2e.ts a prefetch's. Under the test's --host-resolver-rules the name
  // is mapped before the resolver, so only the mapped address:port is visible; with real DNS this
  // is one lookup of the visited name per navigation. `it.fails` keeps the suite green while the
  // behaviour lasts and turns red when it stops.
  it.fails(
    'KNOWN Chromium limitation: the navigated host is not resolved locally while connected',
    async ({ task }) => {
      const nav = await startLeakOrigin();
      try {
        await b.ui.ask('disconnect');
        let mark = dns.mark();
        await b.load(nav.url('http', 'nav-off.test'));
        await sleep(300);
        const control = dns.resolved(['nav-off.test'], nav, mark);
        await b.ui.ask('connect', { regionId: REGION });
        recordLeak(task, { browser: 'chromium', positiveControl: control > 0 });
        requirePositive(control > 0, 'a local resolution of a direct navigation');
        mark = dns.mark();
        expect(await b.load(nav.url('http', 'nav-on.test'))).toBe('127.0.0.2');
        await sleep(300);
        const resolved = dns.resolved(['nav-on.test'], nav, mark);
        recordLeak(task, {
          browser: 'chromium',
          directConnections: resolved,
          note: 'known Chromium behaviour: 1 resolver request per navigation',
        });
        expect(resolved).toBe(0);
      } finally {
        await nav.close();
      }
    },
  );

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

  it('no uncaught error, unhandled rejection or console error in the worker or our pages during the whole file (O9)', async ({
    task,
  }) => {
    const { found, control, seen } = await life.errorsWithControl();
    recordLeak(task, { browser: 'chromium', positiveControl: seen, directConnections: found.length });
    requirePositive(seen, `an uncaught error and a rejection thrown in the worker (${control.join('; ')})`);
    expect(found).toEqual([]);
  });
});
