/**
 * Routing leak scenarios in Chromium and Firefox ESR, written once over the page API
 * (test/support/zone-browser.ts): WebRTC with and without media permission (O3), the kill switch (every server of the region down: HTTP, HTTPS
 * and WebSocket fail, nothing direct), failover to the region's second server, and auth scoping (a
 * 401-Basic origin never receives the proxy credentials), then the storage audit (O4) for the hosts
 * these scenarios visited. One browser per describe; each scenario first proves that its oracle
 * sees what it looks for (ICE signals while disconnected, a bypassed host loads direct, a sent Authorization header is recorded, a
 * planted host and token are found). The scenarios only Chromium has here stay in
 * routing.chromium.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { auditStorageWithControl, snapshotStorage } from '../../support/oracles/storage-audit';
import { iceSignals, runIce, startStun, type StunOracle } from '../../support/oracles/stun';
import { DEMO, startTestProvider, type TestProvider } from '../../support/provider';
import { allProtocols, BROWSERS, launchZoneBrowser, type Tab, type ZoneBrowser } from '../../support/zone-browser';
import { requireDirectBypass, requirePositive, sleep } from './harness';

const REGION = 'us-nyc';
const BYPASSED = 'direct.bank.test';

/** Evaluated in a web page: a fetch bounded at 5 s; its status or its error. */
function fetchStatus({ url, header }: { url: string; header: string }): Promise<string> {
  return fetch(url, { headers: header ? { authorization: header } : {}, signal: AbortSignal.timeout(5_000) }).then(
    (r) => String(r.status),
    (e: unknown) => String(e),
  );
}

/** `fetchStatus` from `tab`, given up after 8 s (a browser prompt must not hang the scenario). */
const boundedFetch = (tab: Tab, url: string, header = '') =>
  Promise.race([
    tab.run(fetchStatus, { url, header }).catch((e: unknown) => `failed: ${String(e)}`),
    sleep(8_000).then(() => 'timeout'),
  ]);

describe.each(BROWSERS)('%s leak suite: routing', (name) => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  let stun: StunOracle;
  let b: ZoneBrowser;
  const servers = () => provider.regions.find((r) => r.id === REGION)!.servers;
  /** Hosts loaded through the VPN (or blocked) here: the storage audit looks for them. */
  const visited = new Set<string>();

  beforeAll(async () => {
    [provider, origin, stun, b] = await Promise.all([
      startTestProvider(),
      startLeakOrigin(),
      startStun(),
      launchZoneBrowser(name, { leak: true }),
    ]);
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await b.ui.ask('addBypass', { pattern: BYPASSED });
    await b.ui.ask('connect', { regionId: REGION });
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close(), stun?.close()]);
  });

  // WebRTC (O3): disconnected, the STUN oracle sees the page's UDP and its candidates reveal the
  // address (the control); connected, the extension's WebRTC policy must leave no signal at all.
  // With camera and microphone permission browsers reveal raw host addresses (the second mode).
  it.for([
    ['without media permission', false],
    ['with camera and microphone permission', true],
  ] as const)(
    'WebRTC %s: no srflx, no raw host candidate, no STUN datagram while connected',
    async ([, media], { task }) => {
      const iceRun = () => runIce((url) => b.openTab(url), origin.url('https', 'webrtc.test'), stun, media);
      await b.ui.ask('disconnect');
      const control = await iceRun();
      if (media) expect(control.report.media, control.report.error).toBe(true);
      const seen = iceSignals(control) > 0;
      recordLeak(task, { browser: name, positiveControl: seen, note: `control: ${control.datagrams} datagrams` });
      requirePositive(seen, `ICE leak signals while disconnected (${JSON.stringify(control.verdict)})`);
      await b.ui.ask('connect', { regionId: REGION });
      const run = await iceRun();
      expect(run.report.media).toBe(media);
      recordLeak(task, { browser: name, directConnections: iceSignals(run) });
      expect({ ...run.verdict, datagrams: run.datagrams }).toEqual({
        srflx: [],
        rawHost: [],
        mdnsHost: [],
        relay: [],
        datagrams: 0,
      });
    },
  );

  it('kill switch: every region server down, 20 loads over HTTP, HTTPS and WebSocket, nothing direct', async ({
    task,
  }) => {
    const control = await allProtocols(b, origin, BYPASSED);
    const seen = Object.values(control).every((v) => v === '127.0.0.1');
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(seen, `direct HTTP, HTTPS, WS and WSS on a bypassed host (${JSON.stringify(control)})`);
    for (const s of servers()) await provider.stopServer(s.id);
    const t0 = Date.now();
    const outcomes: string[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        visited.add(`ks${i}.kill.test`);
        outcomes.push(...Object.values(await allProtocols(b, origin, `ks${i}.kill.test`)));
      }
    } finally {
      for (const s of servers()) await provider.startServer(s.id);
    }
    const direct = origin.directConnections(t0).length;
    recordLeak(task, {
      browser: name,
      directConnections: direct,
      note: `${outcomes.length} loads, all failed: ${outcomes.every((o) => o.startsWith('failed'))}`,
    });
    expect(direct).toBe(0);
    expect(outcomes.filter((o) => !o.startsWith('failed'))).toEqual([]);
    // The servers are back: through the proxy again.
    visited.add('ks-after.kill.test');
    expect(await b.load(origin.url('https', 'ks-after.kill.test'))).toBe('127.0.0.2');
  });

  it('failover: first server down, HTTP, HTTPS and WebSocket go through the second', async ({ task }) => {
    await requireDirectBypass(task, b, origin, BYPASSED);
    const [first, second] = servers();
    await provider.stopServer(first!.id);
    const t0 = Date.now();
    const before = provider.events.length;
    let result;
    try {
      visited.add('failover.leak.test');
      result = await allProtocols(b, origin, 'failover.leak.test');
    } finally {
      await provider.startServer(first!.id);
    }
    recordLeak(task, { browser: name, directConnections: origin.directConnections(t0).length });
    expect(result).toEqual({ http: '127.0.0.2', https: '127.0.0.2', ws: '127.0.0.2', wss: '127.0.0.2' });
    const used = provider.events.slice(before).filter((e) => e.target.startsWith('failover.leak.test'));
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((e) => e.serverId === second!.id)).toBe(true);
    expect(origin.directConnections(t0)).toEqual([]);
  });

  it('auth: a 401-Basic origin never receives the proxy credentials', async ({ task }) => {
    // Positive control: the oracle records an Authorization header when one is sent.
    const controlTab = await b.openTab(origin.url('http', 'auth-control.test'));
    await boundedFetch(controlTab, origin.url('http', 'auth-control.test', '/auth?open'), 'Basic Y29udHJvbDpjb250cm9s');
    await controlTab.close();
    const seen = origin.authorizations.length > 0;
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(seen, 'an Authorization header at the 401 origin');
    const before = origin.authorizations.length;
    // Per scheme: a navigation to a 401 opens the browser's own login prompt (never answered
    // here), so the page is left for 3 s and closed; then a fetch from a proxied page on that
    // origin gets the 401 status (Firefox) or waits on the prompt until its 5 s timeout (Chromium).
    // One scheme after the other: run side by side, Firefox once failed to open the second tab
    // while the first scheme's tab was being discarded (BiDi "DiscardedBrowsingContextError").
    const statuses: string[] = [];
    for (const scheme of ['http', 'https'] as const) {
      await b.glance(origin.url(scheme, 'auth.leak.test', '/auth'), 3_000);
      const tab = await b.openTab(origin.url(scheme, 'auth.leak.test'));
      try {
        statuses.push(await boundedFetch(tab, origin.url(scheme, 'auth.leak.test', '/auth')));
      } finally {
        await tab.close();
      }
    }
    await sleep(200);
    visited.add('auth.leak.test').add('auth-control.test');
    const received = origin.authorizations.slice(before);
    recordLeak(task, {
      browser: name,
      directConnections: received.length,
      note: `statuses ${statuses.join(',')}`,
    });
    expect(received).toEqual([]);
    expect(origin.hitsFor('auth.leak.test').every((h) => h.from === '127.0.0.2')).toBe(true);
  });

  it('storage after these scenarios: allowlisted keys only, no visited host, no password, access tokens in storage.session only', async ({
    task,
  }) => {
    const snapshot = await snapshotStorage({ evaluate: (fn) => b.ui.run(fn) });
    // Positive control (in the helper): a visited URL and a token planted in storage.local are found.
    const { tokens, planted, seen, problems } = auditStorageWithControl(snapshot, [...visited], [DEMO.password]);
    expect(tokens, 'connected: access tokens are in storage.session').toBeGreaterThan(0);
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(seen, `planted host and token (${planted.join('; ')})`);
    recordLeak(task, { browser: name, directConnections: problems.length, note: `${visited.size} hosts checked` });
    expect(problems).toEqual([]);
  });
});
