/**
 * Leak scenarios for routing only Chromium has here (threats T11, T12, T25, T51, T55; oracles O1,
 * O2, O4, O5, O6, O9). One browser for the whole file; every scenario first proves that its
 * oracle sees the leak it looks for (protection off or a bypassed host), then counts leak signals
 * while protected. WebRTC, the kill switch, failover and auth scoping run in Chromium and Firefox
 * ESR alike: routing.e2e.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, useAccountService } from '../../support/chromium-flows';
import { recordLeak } from '../../support/leak-report';
import { launchLeakChromium, load, wsProbe, type LeakChromium } from '../../support/oracles/chromium-leak';
import { createErrorOracle } from '../../support/oracles/errors';
import { createNetworkAudit } from '../../support/oracles/network-audit';
import { readNetLog } from '../../support/oracles/netlog';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { auditStorage, snapshotStorage } from '../../support/oracles/storage-audit';
import { DEMO, startTestProvider, type TestProvider } from '../../support/provider';
import { ask, controlPage, requirePositive, sleep } from './harness';

const REGION = 'de-fra';
const BYPASSED = 'direct.bank.test';
let provider: TestProvider;
let origin: LeakOrigin;
let hints: LeakOrigin;
let browser: LeakChromium;
let ctl: Page;
const errors = createErrorOracle();
const audit = createNetworkAudit(() => browser.extensionId);
const visited = new Set<string>();

const connectNow = () => ask(ctl, 'connect', { regionId: REGION });
const disconnectNow = () => ask(ctl, 'disconnect');

/** Resolver requests for a port only the hint targets use (see netlog.ts: names are logged mapped). */
function resolutionsOfPort(port: number, from: number): number {
  return readNetLog(browser.netLogFile!)
    .slice(from)
    .filter((e) => e.type === 'HOST_RESOLVER_MANAGER_REQUEST')
    .filter((e) => String((e.params as { host?: string } | undefined)?.host ?? '').endsWith(`:${port}`)).length;
}
const netLogMark = () => readNetLog(browser.netLogFile!).length;

beforeAll(async () => {
  [provider, origin, hints] = await Promise.all([startTestProvider(), startLeakOrigin(), startLeakOrigin()]);
  browser = await launchLeakChromium({ netLog: true });
  audit.attach(browser.context);
  errors.watchContext(browser.context, browser.extensionId);
  await errors.watchWorker(browser.worker);
  await useAccountService(browser, provider.accountUrl);
  ctl = await controlPage(browser);
  await logIn(ctl);
  await ctl.getByRole('button', { name: 'Connect' }).waitFor();
  await ask(ctl, 'addBypass', { pattern: BYPASSED });
  await connectNow();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([provider?.close(), origin?.close(), hints?.close()]);
});

describe('Chromium leak suite: routing', () => {
  it('WebSocket (ws and wss) goes through the region proxy', async ({ task }) => {
    const control = await browser.context.newPage();
    const direct = {
      ws: await wsProbe(control, origin.url('ws', BYPASSED)),
      wss: await wsProbe(control, origin.url('wss', BYPASSED)),
    };
    await control.close();
    const seen = direct.ws === '127.0.0.1' && direct.wss === '127.0.0.1';
    recordLeak(task, { browser: 'chromium', positiveControl: seen });
    requirePositive(seen, 'a direct WebSocket handshake on a bypassed host');
    const t0 = Date.now();
    const blank = await browser.context.newPage();
    const result = {
      ws: await wsProbe(blank, origin.url('ws', 'ws.test')),
      wss: await wsProbe(blank, origin.url('wss', 'wss.test')),
    };
    await blank.close();
    visited.add('ws.test').add('wss.test');
    recordLeak(task, { browser: 'chromium', directConnections: origin.directConnections(t0).length });
    expect(result).toEqual({ ws: '127.0.0.2', wss: '127.0.0.2' });
    expect(provider.eventsFor('ws.test').some((e) => e.regionId === REGION && e.authorized)).toBe(true);
    expect(origin.directConnections(t0)).toEqual([]);
  });

  it('preconnect, dns-prefetch and prefetch hints on a proxied page: no direct connection, no local resolution', async ({
    task,
  }) => {
    const base = (host: string, scheme: 'http' | 'https' = 'http') => hints.url(scheme, host).replace(/\/$/, '');
    origin.setPage(
      'hints',
      `<!doctype html><title>hints</title>
       <link rel="preconnect" href="${base('pre.test')}">
       <link rel="dns-prefetch" href="${base('dnsp.test', 'https')}">
       <link rel="prefetch" href="${base('pf.test')}/x">
       <p id="from">hints</p>`,
    );
    const run = async (host: string) => {
      const t0 = Date.now();
      const mark = netLogMark();
      const page = await browser.context.newPage();
      await page.goto(origin.url('http', host, '/page/hints')).catch(() => undefined);
      await sleep(2_000);
      await page.close();
      await sleep(300);
      return {
        direct: hints.directConnections(t0).length,
        resolved: resolutionsOfPort(hints.httpPort, mark) + resolutionsOfPort(hints.httpsPort, mark),
        proxied: hints.connections.filter((c) => c.at >= t0 && c.from === '127.0.0.2').length,
      };
    };
    await disconnectNow();
    const control = await run('hints-off.test');
    await connectNow();
    const seen = control.direct > 0 && control.resolved > 0;
    recordLeak(task, { browser: 'chromium', positiveControl: seen });
    requirePositive(
      seen,
      `direct hint connections and local resolutions while disconnected (${JSON.stringify(control)})`,
    );
    const result = await run('hints-on.test');
    visited.add('hints-on.test');
    recordLeak(task, {
      browser: 'chromium',
      directConnections: result.direct + result.resolved,
      note: `control ${JSON.stringify(control)}`,
    });
    expect({ direct: result.direct, resolved: result.resolved }).toEqual({ direct: 0, resolved: 0 });
  });

  // KNOWN LIMITATION, found by this suite (see docs/security.md): Chromium 156 asks its host
  // resolver for the top-level navigation's host (is_speculative:false) even when the PAC sends
  // that request to a proxy, also with privacy.network.networkPredictionEnabled=false. Under the
  // test's --host-resolver-rules the name is mapped before the resolver, so only the mapped
  // address:port is visible; with real DNS this is one lookup of the visited name per navigation.
  // `it.fails` keeps the suite green while the behaviour lasts and turns red when it stops.
  it.fails(
    'KNOWN Chromium limitation: the navigated host is not resolved locally while connected',
    async ({ task }) => {
      const nav = await startLeakOrigin();
      try {
        await disconnectNow();
        let mark = netLogMark();
        await load(browser, nav.url('http', 'nav-off.test'));
        await sleep(300);
        const control = resolutionsOfPort(nav.httpPort, mark);
        await connectNow();
        recordLeak(task, { browser: 'chromium', positiveControl: control > 0 });
        requirePositive(control > 0, 'a local resolution of a direct navigation');
        mark = netLogMark();
        expect(await load(browser, nav.url('http', 'nav-on.test'))).toBe('127.0.0.2');
        await sleep(300);
        const resolved = resolutionsOfPort(nav.httpPort, mark);
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

  it('storage after the session holds only allowlisted keys, no visited host, no password, access tokens in memory only', async ({
    task,
  }) => {
    const worker = await browser.workerNow();
    const snapshot = await snapshotStorage(worker);
    const wallet = snapshot.session.tokens as { tokens?: { username: string; token: string }[] } | undefined;
    const tokens = wallet?.tokens ?? [];
    recordLeak(task, { browser: 'chromium', positiveControl: 'n/a' });
    expect(tokens.length, 'connected: access tokens are in storage.session').toBeGreaterThan(0);
    const problems = auditStorage(snapshot, {
      visitedHosts: [...visited],
      secrets: [DEMO.password],
      proxySecrets: tokens.flatMap((t) => [t.token, t.username]),
    });
    recordLeak(task, {
      browser: 'chromium',
      directConnections: problems.length,
      note: `${visited.size} hosts checked`,
    });
    expect(problems).toEqual([]);
  });

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

  it('no uncaught error or console error from the extension during the whole file', async ({ task }) => {
    await errors.drain(await browser.workerNow());
    recordLeak(task, { browser: 'chromium', positiveControl: 'n/a', directConnections: errors.errors.length });
    expect(errors.errors).toEqual([]);
  });
});
