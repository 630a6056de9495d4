/**
 * Leak scenarios in Firefox ESR (proxy.onRequest): WebRTC with and without media permission, kill
 * switch over HTTP, HTTPS and WebSocket, failover, and auth scoping (a 401-Basic origin gets no
 * proxy credentials). One browser for the file; each scenario runs its positive control first.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byButton, byLabel, openExtensionPage, waitFor, type FirefoxSession } from '../../support/firefox';
import { connect, logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { launchLeakFirefox, loadFx, wsProbeFx } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { classifyCandidates, gatherIce, startStun, type StunOracle } from '../../support/oracles/stun';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { requirePositive, sleep } from './harness';

const REGION = 'us-nyc';
const BYPASSED = 'bank.test';
let provider: TestProvider;
let origin: LeakOrigin;
let stun: StunOracle;
let firefox: FirefoxSession;
let ui: Page;

const servers = () => provider.regions.find((r) => r.id === REGION)!.servers;

async function iceRun(media: boolean) {
  const page = await firefox.browser.newPage();
  try {
    await page.goto(origin.url('https', 'webrtc.test'));
    const t0 = Date.now();
    const report = await page.evaluate(gatherIce, { stunPort: stun.port, media, ms: 3_000 });
    return { report, verdict: classifyCandidates(report.candidates), datagrams: stun.since(t0).length };
  } finally {
    await page.close();
  }
}

async function allProtocols(host: string) {
  const blank = await firefox.browser.newPage();
  try {
    return {
      http: await loadFx(firefox, origin.url('http', host), 8_000),
      https: await loadFx(firefox, origin.url('https', host), 8_000),
      ws: await wsProbeFx(blank, origin.url('ws', host)),
      wss: await wsProbeFx(blank, origin.url('wss', host)),
    };
  } finally {
    await blank.close();
  }
}

beforeAll(async () => {
  [provider, origin, stun] = await Promise.all([startTestProvider(), startLeakOrigin(), startStun()]);
  firefox = await launchLeakFirefox();
  ui = firefox.extensionPage;
  await useAccountService(ui, provider.accountUrl);
  await openExtensionPage(ui, 'options/options.html');
  await (await byLabel(ui, 'Site or address')).type(BYPASSED);
  await (await byButton(ui, 'Add')).click();
  await waitFor(() =>
    ui.evaluate(() => document.querySelector('.entries')?.textContent?.includes('bank.test') ?? false),
  );
  await logIn(ui);
});

/** Scenarios after the first need the user connected, whatever the first one did. */
async function ensureConnected(): Promise<void> {
  const connected = await ui.evaluate(() =>
    [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Disconnect'),
  );
  if (!connected) await connect(ui, REGION);
}

afterAll(async () => {
  await firefox?.close();
  await Promise.all([provider?.close(), origin?.close(), stun?.close()]);
});

describe('Firefox leak suite', () => {
  it('WebRTC with and without media permission: no srflx, no raw host candidate, no STUN datagram while connected', async ({
    task,
  }) => {
    const control = [await iceRun(false), await iceRun(true)];
    const udp = (r: (typeof control)[number]) =>
      r.datagrams +
      r.verdict.srflx.length +
      r.verdict.rawHost.length +
      r.report.candidates.filter((c) => / UDP .*\.local /.test(c)).length;
    const seen = control.some((c) => udp(c) > 0);
    recordLeak(task, {
      browser: 'firefox',
      positiveControl: seen,
      note: `control datagrams ${control.map((c) => c.datagrams).join('/')}`,
    });
    requirePositive(seen, `ICE leak signals while disconnected (${JSON.stringify(control.map((c) => c.verdict))})`);
    await connect(ui, REGION);
    const runs = [await iceRun(false), await iceRun(true)];
    const signals = runs.reduce((n, r) => n + udp(r), 0);
    recordLeak(task, {
      browser: 'firefox',
      directConnections: signals,
      note: `media granted: ${runs[1]!.report.media}`,
    });
    expect(
      runs.map((r) => ({ srflx: r.verdict.srflx, rawHost: r.verdict.rawHost, datagrams: r.datagrams, udp: udp(r) })),
    ).toEqual([
      { srflx: [], rawHost: [], datagrams: 0, udp: 0 },
      { srflx: [], rawHost: [], datagrams: 0, udp: 0 },
    ]);
  });

  it('kill switch: every region server down, HTTP, HTTPS and WebSocket fail, nothing direct', async ({ task }) => {
    await ensureConnected();
    const control = await allProtocols(BYPASSED);
    const seen = Object.values(control).every((v) => v === '127.0.0.1');
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, `direct HTTP, HTTPS, WS, WSS on a bypassed host (${JSON.stringify(control)})`);
    for (const s of servers()) await provider.stopServer(s.id);
    const t0 = Date.now();
    const outcomes: string[] = [];
    try {
      for (let i = 0; i < 3; i++) outcomes.push(...Object.values(await allProtocols(`ks${i}.kill.test`)));
    } finally {
      for (const s of servers()) await provider.startServer(s.id);
    }
    const direct = origin.directConnections(t0).length;
    recordLeak(task, { browser: 'firefox', directConnections: direct, note: `${outcomes.length} loads` });
    expect(direct).toBe(0);
    expect(outcomes.filter((o) => !o.startsWith('failed') && !o.startsWith('no #from'))).toEqual([]);
  });

  it('failover: first server down, HTTP, HTTPS and WebSocket go through the second', async ({ task }) => {
    await ensureConnected();
    const control = await loadFx(firefox, origin.url('http', BYPASSED));
    recordLeak(task, { browser: 'firefox', positiveControl: control === '127.0.0.1' });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
    const [first, second] = servers();
    await provider.stopServer(first!.id);
    const t0 = Date.now();
    const before = provider.events.length;
    let result;
    try {
      result = await allProtocols('failover.leak.test');
    } finally {
      await provider.startServer(first!.id);
    }
    recordLeak(task, { browser: 'firefox', directConnections: origin.directConnections(t0).length });
    expect(result).toEqual({ http: '127.0.0.2', https: '127.0.0.2', ws: '127.0.0.2', wss: '127.0.0.2' });
    const used = provider.events.slice(before).filter((e) => e.target.startsWith('failover.leak.test'));
    expect(used.every((e) => e.serverId === second!.id)).toBe(true);
  });

  it('auth: a 401-Basic origin never receives the proxy credentials', async ({ task }) => {
    await ensureConnected();
    // Cross-origin fetches from a proxied page (no login prompt: see the launch prefs), each bounded.
    const blank = await firefox.browser.newPage();
    await blank.goto(origin.url('http', 'auth-page.test'));
    const bounded = (url: string, header?: string) =>
      Promise.race([
        blank.evaluate(
          (url, header) =>
            fetch(url, { headers: header ? { authorization: header } : {}, signal: AbortSignal.timeout(5_000) }).then(
              (r) => String(r.status),
              (e: unknown) => String(e),
            ),
          url,
          header ?? '',
        ),
        sleep(8_000).then(() => 'timeout'),
      ]);
    await bounded(origin.url('http', 'auth-control.test', '/auth?open'), 'Basic Y29udHJvbA==');
    const seen = origin.authorizations.length > 0;
    recordLeak(task, { browser: 'firefox', positiveControl: seen });
    requirePositive(seen, 'an Authorization header at the 401 origin');
    const before = origin.authorizations.length;
    const statuses: string[] = [];
    for (const scheme of ['http', 'https'] as const)
      statuses.push(await bounded(origin.url(scheme, 'auth.leak.test', '/auth')));
    await blank.close();
    await sleep(200);
    const received = origin.authorizations.slice(before);
    recordLeak(task, {
      browser: 'firefox',
      directConnections: received.length,
      note: `statuses ${statuses.join(',')}`,
    });
    expect(received).toEqual([]);
    expect(origin.hitsFor('auth.leak.test').every((h) => h.from === '127.0.0.2')).toBe(true);
  });
});
