/**
 * Leak scenarios only Firefox ESR (proxy.onRequest) has here: WebRTC with and without media
 * permission. One browser for the file; each scenario runs its positive control first. The kill
 * switch, failover and auth scoping run in both browsers: routing.e2e.ts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../support/firefox';
import { connect, logIn, useAccountService } from '../../support/firefox-flows';
import { recordLeak } from '../../support/leak-report';
import { launchLeakFirefox } from '../../support/oracles/firefox-leak';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { gatherIce, runIce, startStun, type StunOracle } from '../../support/oracles/stun';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { requirePositive } from './harness';

const REGION = 'us-nyc';
let provider: TestProvider;
let origin: LeakOrigin;
let stun: StunOracle;
let firefox: FirefoxSession;
let ui: Page;

const iceRun = async (media: boolean) =>
  runIce(await firefox.browser.newPage(), origin.url('https', 'webrtc.test'), stun, media, (page, args) =>
    page.evaluate(gatherIce, args),
  );

beforeAll(async () => {
  [provider, origin, stun] = await Promise.all([startTestProvider(), startLeakOrigin(), startStun()]);
  firefox = await launchLeakFirefox();
  ui = firefox.extensionPage;
  await useAccountService(ui, provider.accountUrl);
  await logIn(ui);
});

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
});
