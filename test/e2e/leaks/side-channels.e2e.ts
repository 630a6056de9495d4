/**
 * What a page makes the browser resolve or open besides itself, in Chromium and Firefox ESR, written
 * once over the page API (test/support/zone-browser.ts) (threats T5, T10, T11, T12, T51, T54; oracles
 * O1, O2, O4, O9): the names of proxied pages and WebSockets, WebSocket handshakes, and preconnect,
 * dns-prefetch and prefetch link hints, which must go through the region proxy and never be
 * resolved locally; then what the session left in storage and the extension's errors. One browser per describe, launched with its resolver log on
 * (test/support/oracles/resolver-log.ts: Chromium's NetLog, Firefox's MOZ_LOG with its prefetch
 * prefs back on). Each scenario first sees the leak (a bypassed host, or protection off), then
 * counts it on proxied hosts. Chromium's known limitation (docs/security.md, finding 2): it resolves
 * the host of a request its PAC sends to a proxy, so its DNS scenario is `it.fails`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backgroundLifecycle, type BackgroundLifecycle } from '../../support/background-lifecycle';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import type { ResolverLog } from '../../support/oracles/resolver-log';
import { auditStorageWithControl, snapshotStorage } from '../../support/oracles/storage-audit';
import { DEMO, startTestProvider, type TestProvider } from '../../support/provider';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { requirePositive, sleep, requireNoErrors } from './harness';

const REGION = 'de-fra';
const BYPASSED = 'bank.test'; // and its subdomains
const HINTS = ['pre', 'dnsp', 'pf'];

/** A page whose preconnect, dns-prefetch and prefetch hints point at `pre.`, `dnsp.` and `pf.` + `suffix` on `hints`. */
function hintsPage(hints: LeakOrigin, suffix: string): string {
  const base = (label: string, scheme: 'http' | 'https' = 'http') =>
    hints.url(scheme, `${label}.${suffix}`).replace(/\/$/, '');
  return `<!doctype html><title>hints</title>
    <link rel="preconnect" href="${base('pre')}">
    <link rel="dns-prefetch" href="${base('dnsp', 'https')}">
    <link rel="prefetch" href="${base('pf')}/x">
    <p id="from">hints</p>`;
}

describe.each(BROWSERS)('%s leak suite: DNS, WebSocket, link hints, storage, errors', (name) => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  /** The hint targets' own origin: Chromium's resolver log tells names apart only by port. */
  let hints: LeakOrigin;
  let b: ZoneBrowser;
  let dns: ResolverLog;
  let life: BackgroundLifecycle;
  /** Proxied host names loaded here: the storage audit looks for each. */
  const visited = new Set<string>();

  beforeAll(async () => {
    [provider, origin, hints, b] = await Promise.all([
      startTestProvider(),
      startLeakOrigin(),
      startLeakOrigin(),
      launchZoneBrowser(name, { leak: true, resolverLog: true }),
    ]);
    dns = b.resolverLog!;
    life = backgroundLifecycle(b);
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await b.ui.ask('addBypass', { pattern: BYPASSED });
    await b.ui.ask('connect', { regionId: REGION });
    await life.checkpoint();
  });

  // The background may be unloaded between scenarios: collect its errors and watch the one running now.
  afterEach(() => life.checkpoint());

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close(), hints?.close()]);
  });

  // KNOWN LIMITATION, found by this suite (docs/security.md): Chromium 156 asks its host resolver for
  // the host of a request (is_speculative:false) even when the PAC sends that request to a proxy,
  // also with privacy.network.networkPredictionEnabled=false: the top-level navigation's host, and
  // a prefetch's (below). Under the test's --host-resolver-rules the name is mapped before the
  // resolver, so only the mapped address:port is visible; with real DNS this is one lookup of the
  // visited name per navigation. `it.fails` keeps the suite green while the behaviour lasts and
  // turns red when it stops; Firefox must pass.
  const itUnlessKnownGap = name === 'chromium' ? it.fails : it;

  itUnlessKnownGap(
    `DNS (O2): a bypassed name is resolved locally; proxied names over HTTP, HTTPS, WS and WSS are not${name === 'chromium' ? ' (KNOWN Chromium limitation)' : ''}`,
    async ({ task }) => {
      // An origin of its own: Chromium's resolver log tells names apart only by port.
      const names = await startLeakOrigin();
      try {
        let mark = dns.mark();
        const control = await b.load(names.url('http', `dns.${BYPASSED}`));
        const seen = control === '127.0.0.1' && dns.resolved([`dns.${BYPASSED}`], names, mark) > 0;
        recordLeak(task, { browser: name, positiveControl: seen });
        requirePositive(seen, `a local resolution of a bypassed name (load: ${control})`);
        const hosts = {
          http: 'dns-http.leak.test',
          https: 'dns-https.leak.test',
          ws: 'dns-ws.leak.test',
          wss: 'dns-wss.leak.test',
        };
        for (const host of Object.values(hosts)) visited.add(host);
        mark = dns.mark();
        const t0 = Date.now();
        const outcome = {
          http: await b.load(names.url('http', hosts.http)),
          https: await b.load(names.url('https', hosts.https)),
          ws: await b.wsProbe(names.url('ws', hosts.ws)),
          wss: await b.wsProbe(names.url('wss', hosts.wss)),
        };
        await sleep(300);
        const resolved = dns.resolved(Object.values(hosts), names, mark);
        recordLeak(task, {
          browser: name,
          directConnections: resolved + names.directConnections(t0).length,
          note: `${resolved} local resolutions of the proxied names`,
        });
        expect(outcome).toEqual({ http: '127.0.0.2', https: '127.0.0.2', ws: '127.0.0.2', wss: '127.0.0.2' });
        expect(resolved).toBe(0);
        expect(names.directConnections(t0)).toEqual([]);
      } finally {
        await names.close();
      }
    },
  );

  it('WebSocket (ws and wss) goes through the region proxy', async ({ task }) => {
    const direct = {
      ws: await b.wsProbe(origin.url('ws', `ws.${BYPASSED}`)),
      wss: await b.wsProbe(origin.url('wss', `wss.${BYPASSED}`)),
    };
    const seen = direct.ws === '127.0.0.1' && direct.wss === '127.0.0.1';
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(seen, `a direct WebSocket handshake on a bypassed host (${JSON.stringify(direct)})`);
    const t0 = Date.now();
    const result = {
      ws: await b.wsProbe(origin.url('ws', 'ws.leak.test')),
      wss: await b.wsProbe(origin.url('wss', 'wss.leak.test')),
    };
    visited.add('ws.leak.test').add('wss.leak.test');
    recordLeak(task, { browser: name, directConnections: origin.directConnections(t0).length });
    expect(result).toEqual({ ws: '127.0.0.2', wss: '127.0.0.2' });
    for (const host of ['ws.leak.test', 'wss.leak.test'])
      expect(provider.eventsFor(host).some((e) => e.regionId === REGION && e.authorized)).toBe(true);
    expect(origin.directConnections(t0)).toEqual([]);
  });

  it('preconnect, dns-prefetch and prefetch on a proxied page: no direct connection, no local resolution (Chromium: a known gap, see below)', async ({
    task,
  }) => {
    /** Opens the hints page on `pageHost` (hints at `*.suffix`) for 2 s; what reached `hints`. */
    const run = async (pageHost: string, suffix: string) => {
      origin.setPage(suffix, hintsPage(hints, suffix));
      const names = HINTS.map((label) => `${label}.${suffix}`);
      const t0 = Date.now();
      const mark = dns.mark();
      await b.glance(origin.url('http', pageHost, `/page/${suffix}`), 2_000);
      await sleep(300);
      return {
        direct: hints.directConnections(t0).length,
        resolved: dns.resolved(names, hints, mark),
        forRequests: dns.resolvedForRequests?.(names, hints, mark) ?? 0,
        proxied: hints.connections.filter((c) => c.at >= t0 && c.from === '127.0.0.2').length,
        /** Requests that reached `hints` through the proxy (the prefetch). */
        requests: hints.hits.filter((h) => h.at >= t0 && h.from === '127.0.0.2').length,
      };
    };
    // Network prediction is off while connected (F19), bypassed pages included, so the control runs
    // disconnected, where the browser's own prediction is back and every hint goes direct. Each run
    // has names of its own: names the control resolved could hide a lookup from the protected run.
    await b.ui.ask('disconnect');
    const control = await run(`hints.${BYPASSED}`, `hint.${BYPASSED}`);
    await b.ui.ask('connect', { regionId: REGION });
    const seen = control.direct > 0 && control.resolved > 0;
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(
      seen,
      `direct hint connections and local resolutions while disconnected (${JSON.stringify(control)})`,
    );
    const result = await run('hints-on.leak.test', 'hint.leak.test');
    visited.add('hints-on.leak.test');
    for (const label of HINTS) visited.add(`${label}.hint.leak.test`);
    // KNOWN Chromium limitation (resolvedForRequests): the prefetch goes through the proxy, and
    // Chromium resolves its host as well, at most one lookup per request the proxy carried; every
    // other lookup of a hint's name is a leak.
    const resolved = result.resolved - result.forRequests;
    recordLeak(task, {
      browser: name,
      directConnections: result.direct + resolved,
      note: `${result.forRequests ? `KNOWN Chromium: ${result.forRequests} lookup(s) for requests sent to the proxy; ` : ''}control ${JSON.stringify(control)}; protected ${JSON.stringify(result)}`,
    });
    expect({ direct: result.direct, resolved }).toEqual({ direct: 0, resolved: 0 });
    expect(result.forRequests).toBeLessThanOrEqual(result.requests);
  });

  it('storage (O4) after the session: allowlisted keys only, no visited host or URL, no password, access tokens in storage.session only', async ({
    task,
  }) => {
    // A few more visits, bypassed and proxied, so the session has history to leak.
    for (const host of ['shop.leak.test', 'mail.leak.test']) {
      visited.add(host);
      expect(await b.load(origin.url('https', host, '/account?user=x'))).toBe('127.0.0.2');
    }
    expect(await b.load(origin.url('http', `www.${BYPASSED}`))).toBe('127.0.0.1');
    const snapshot = await snapshotStorage({ evaluate: (fn) => b.ui.run(fn) });
    // Positive control (in the helper): a visited URL and a token planted in storage.local are found.
    const { tokens, planted, seen, problems } = auditStorageWithControl(snapshot, [...visited], [DEMO.password]);
    expect(tokens, 'connected: access tokens are in storage.session').toBeGreaterThan(0);
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(seen, `planted host and token (${planted.join('; ')})`);
    recordLeak(task, {
      browser: name,
      directConnections: problems.length,
      note: `${visited.size} hosts checked; local keys ${Object.keys(snapshot.local).join(',')}; IndexedDB ${snapshot.indexedDb.join(',') || 'none'}`,
    });
    expect(problems).toEqual([]);
  });

  it('no uncaught error, unhandled rejection or console error in the background or our pages during the whole file (O9)', async ({
    task,
  }) => {
    await requireNoErrors(task, name, () => life.errorsWithControl());
  });
});
