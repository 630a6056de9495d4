/**
 * DNS and link-hint leaks in Firefox ESR, then what the session left behind (threats T10, T11, T12;
 * oracles O1, O2, O4, O9). One browser for the file, launched with the resolver log on (see
 * firefox-dns.ts) and with Firefox's prefetch and speculative-connection prefs switched back ON
 * (the shared test prefs turn them off): the link-hint scenario needs them, and they can only make
 * the DNS oracle stricter. Each scenario first sees the leak on a bypassed host, then counts it on
 * proxied hosts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, logIn, useAccountService } from '../../support/firefox-flows';
import type { FirefoxSession } from '../../support/firefox';
import { recordLeak } from '../../support/leak-report';
import { RESOLVER_LOG_PREFS, startResolverLog, type ResolverLog } from '../../support/oracles/firefox-dns';
import { createFirefoxErrorOracle, errorsWithControl } from '../../support/oracles/firefox-errors';
import { askFx } from '../../support/oracles/firefox-ext';
import { launchLeakFirefox, loadFx, wsProbeFx } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { auditStorageWithControl, snapshotStorage } from '../../support/oracles/storage-audit';
import { DEMO, startTestProvider, type TestProvider } from '../../support/provider';
import { requirePositive, sleep } from './harness';

const REGION = 'de-fra';
const BYPASSED = 'bank.test'; // and its subdomains
const PREFETCH_ON = {
  'network.prefetch-next': true,
  'network.dns.disablePrefetch': false,
  'network.dns.disablePrefetchFromHTTPS': false,
  'network.http.speculative-parallel-limit': 6,
  'network.predictor.enabled': true,
};
let provider: TestProvider;
let origin: LeakOrigin;
let hints: LeakOrigin;
let dns: ResolverLog;
let firefox: FirefoxSession;
let ui: Page;
const errors = createFirefoxErrorOracle();
/** Proxied host names loaded in this file: the storage audit looks for each. */
const visited = new Set<string>();

beforeAll(async () => {
  [provider, origin, hints] = await Promise.all([startTestProvider(), startLeakOrigin(), startLeakOrigin()]);
  dns = startResolverLog();
  firefox = await launchLeakFirefox({ prefs: { ...RESOLVER_LOG_PREFS, ...PREFETCH_ON }, env: dns.env });
  ui = firefox.extensionPage;
  await useAccountService(ui, provider.accountUrl);
  await logIn(ui);
  await askFx(ui, 'addBypass', { pattern: BYPASSED });
  await connect(ui, REGION);
  await errors.watch(ui);
});

// The background may be unloaded between scenarios (idle timeout): collect and re-arm each time.
afterEach(async () => {
  await errors.drain(ui);
  await errors.watch(ui);
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close(), hints?.close()]);
  dns?.close();
});

describe('Firefox leak suite: DNS, link hints, storage, errors', () => {
  it('DNS (O2): a bypassed name is resolved locally; proxied names over HTTP, HTTPS, WS and WSS are not', async ({
    task,
  }) => {
    let mark = dns.mark();
    const control = await loadFx(firefox, origin.url('http', `dns.${BYPASSED}`));
    const seen = control === '127.0.0.1' && dns.count(`dns.${BYPASSED}`, mark) > 0;
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, `a local resolution of a bypassed name (load: ${control})`);
    mark = dns.mark();
    const t0 = Date.now();
    const hosts = {
      http: 'dns-http.leak.test',
      https: 'dns-https.leak.test',
      ws: 'dns-ws.leak.test',
      wss: 'dns-wss.leak.test',
    };
    for (const host of Object.values(hosts)) visited.add(host);
    const blank = await firefox.browser.newPage();
    const outcome = {
      http: await loadFx(firefox, origin.url('http', hosts.http)),
      https: await loadFx(firefox, origin.url('https', hosts.https)),
      ws: await wsProbeFx(blank, origin.url('ws', hosts.ws)),
      wss: await wsProbeFx(blank, origin.url('wss', hosts.wss)),
    };
    await blank.close();
    await sleep(300);
    const resolved = Object.values(hosts).filter((h) => dns.count(h, mark) > 0);
    recordLeak(task, {
      browser: 'firefox',
      directConnections: resolved.length + origin.directConnections(t0).length,
      note: `locally resolved: ${resolved.join(',') || 'none'}`,
    });
    expect(outcome).toEqual({ http: '127.0.0.2', https: '127.0.0.2', ws: '127.0.0.2', wss: '127.0.0.2' });
    expect(resolved).toEqual([]);
    expect(origin.directConnections(t0)).toEqual([]);
  });

  it('preconnect, dns-prefetch and prefetch on a proxied page: no direct connection, no local resolution', async ({
    task,
  }) => {
    // The same three hints; on the control page they point at bypassed names (which must show up
    // directly or in the resolver log), on a proxied page at proxied names.
    const page = (suffix: string) => {
      const base = (label: string, scheme: 'http' | 'https' = 'http') =>
        hints.url(scheme, `${label}.${suffix}`).replace(/\/$/, '');
      return `<!doctype html><title>hints</title>
        <link rel="preconnect" href="${base('pre')}">
        <link rel="dns-prefetch" href="${base('dnsp', 'https')}">
        <link rel="prefetch" href="${base('pf')}/x">
        <p id="from">hints</p>`;
    };
    const names = (suffix: string) => ['pre', 'dnsp', 'pf'].map((l) => `${l}.${suffix}`);
    const run = async (pageHost: string, suffix: string) => {
      origin.setPage(suffix, page(suffix));
      const t0 = Date.now();
      const mark = dns.mark();
      const tab = await firefox.browser.newPage();
      await tab.goto(origin.url('http', pageHost, `/page/${suffix}`)).catch(() => undefined);
      await sleep(2_000);
      await tab.close();
      await sleep(300);
      return {
        direct: hints.directConnections(t0).length,
        resolved: names(suffix).filter((n) => dns.count(n, mark) > 0).length,
        proxied: hints.connections.filter((c) => c.at >= t0 && c.from === '127.0.0.2').length,
      };
    };
    // Network prediction is off while connected (F19), bypassed pages included, so the control
    // runs disconnected, where the browser's own prediction is back and every hint goes direct.
    await askFx(ui, 'disconnect');
    const control = await run(`hints.${BYPASSED}`, `hint.${BYPASSED}`);
    await askFx(ui, 'connect', { regionId: REGION });
    const seen = control.direct > 0 || control.resolved > 0;
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(
      seen,
      `direct hint connections or local resolutions on a bypassed page (${JSON.stringify(control)})`,
    );
    const result = await run('hints-on.leak.test', 'hint.leak.test');
    visited.add('hints-on.leak.test');
    for (const n of names('hint.leak.test')) visited.add(n);
    recordLeak(task, {
      browser: 'firefox',
      directConnections: result.direct + result.resolved,
      note: `control ${JSON.stringify(control)}; protected ${JSON.stringify(result)}`,
    });
    expect({ direct: result.direct, resolved: result.resolved }).toEqual({ direct: 0, resolved: 0 });
  });

  it('storage (O4) after the session: allowlisted keys only, no visited host or URL, no password, access tokens in session storage only', async ({
    task,
  }) => {
    // A few more visits, bypassed and proxied, so the session has history to leak.
    for (const host of ['shop.leak.test', 'mail.leak.test']) {
      visited.add(host);
      expect(await loadFx(firefox, origin.url('https', host, '/account?user=x'))).toBe('127.0.0.2');
    }
    expect(await loadFx(firefox, origin.url('http', `www.${BYPASSED}`))).toBe('127.0.0.1');
    const snapshot = await snapshotStorage(ui);
    // Positive control (in the helper): a visited URL and a token planted in storage.local are found.
    const { tokens, planted, seen, problems } = auditStorageWithControl(snapshot, [...visited], [DEMO.password]);
    expect(tokens, 'connected: access tokens are in storage.session').toBeGreaterThan(0);
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, `planted host and token (${planted.join('; ')})`);
    recordLeak(task, {
      browser: 'firefox',
      directConnections: problems.length,
      note: `${visited.size} hosts checked; local keys ${Object.keys(snapshot.local).join(',')}; IndexedDB ${snapshot.indexedDb.join(',') || 'none'}`,
    });
    expect(problems).toEqual([]);
  });

  it('no uncaught error, unhandled rejection or console error in the background or our tab (O9)', async ({ task }) => {
    const { found, control, seen } = await errorsWithControl(errors, ui);
    recordLeak(task, { browser: 'firefox', positiveControl: seen, note: `control saw ${control.length}` });
    requirePositive(seen, `an uncaught error and a rejection thrown in the background (${control.join('; ')})`);
    recordLeak(task, { browser: 'firefox', directConnections: found.length });
    expect(found).toEqual([]);
  });
});
