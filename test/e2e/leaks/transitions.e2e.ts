/**
 * Transition windows (threats T18, T29), in Chromium and Firefox ESR: Connect, a region switch and
 * token epoch changes with the account service slowed to 3 s, then logout and a new login while a
 * page polls. "Connected" lasts from the user's Connect to the user's Disconnect or logout: in
 * between, every request goes through the proxy or fails, never direct. The provider's token
 * epochs last 20 s, so epoch changes happen during the file, not only in the scenario that waits
 * for them. Chromium decides in the PAC script, Firefox per request in proxy.onRequest.
 *
 * The 20 s epochs make Firefox's own background requests (remote settings) meet 407s from our
 * proxies too. One of them, challenged just after a Disconnect, used to get an empty answer:
 * Firefox then opened its own proxy login dialog, which hung every later `browsingContext.create`
 * (see src/background/proxy-challenge.ts and anchor F10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewState } from '../../../src/shared/view-state';
import { recordLeak } from '../../support/leak-report';
import { startAccountGate, type AccountGate } from '../../support/oracles/account-gate';
import { replayCredentials } from '../../support/oracles/credential-replay';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { BROWSERS, isBlocked, launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { requireDirectBypass, requirePositive, sleep, waitUntil } from './harness';
import {
  countChallenges,
  directPolls,
  issuedAt,
  protectedFrom,
  proxiedPolls,
  readChallenges,
  readPolls,
  recordClicks,
  startPolling,
  type PollOutcome,
} from './polling';

const REGION = 'us-nyc';
const OTHER = 'de-fra';
const BYPASSED = 'direct.bank.test';
const SLOW_MS = 3_000;
/** Connect clicks timed against a polling page (each waits out the slowed account service). */
const CONNECT_CYCLES = 5;
const EPOCH_SECONDS = 20;
const epochNow = () => Math.floor(Date.now() / 1000 / EPOCH_SECONDS);
type HeldToken = { epoch: number; regionId: string; username: string; token: string };
type Storage = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };

/** Evaluated in our page: the memory-only session storage (`browser` in Firefox, `chrome` in Chromium). */
function sessionStorage(): Promise<Record<string, unknown>> {
  const g = globalThis as unknown as { browser?: Storage; chrome: Storage };
  return (g.browser ?? g.chrome).storage.session.get(null);
}

const clickAt = () => (globalThis as unknown as { __clickAt: number }).__clickAt;

describe.each(BROWSERS)('%s leak suite: transition windows', (name) => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  let gate: AccountGate;
  let b: ZoneBrowser;
  const view = () => b.ui.ask<ViewState>('getState');

  /** A page on `host` that fetches its own origin every 100 ms; stopping it returns the outcomes. */
  async function poll(host: string): Promise<() => Promise<PollOutcome[]>> {
    const tab = await b.openTab(origin.url('http', host));
    await tab.run(startPolling);
    return async () => {
      const outcomes = await tab.run(readPolls);
      await tab.close();
      return outcomes;
    };
  }

  /** The access tokens the extension holds now. */
  async function heldTokens(): Promise<HeldToken[]> {
    const { tokens } = await b.ui.run(sessionStorage);
    return ((tokens as { tokens?: HeldToken[] } | null | undefined)?.tokens ?? []).slice();
  }

  /** The held token for a region and the current epoch, with at least `minLeftMs` of its epoch left. */
  async function currentToken(regionId: string, minLeftMs: number): Promise<HeldToken> {
    const left = () => (epochNow() + 1) * EPOCH_SECONDS * 1000 - Date.now();
    if (left() < minLeftMs) await sleep(left() + 6_000); // past the extension's 5 s epoch lag
    for (let i = 0; i < 3; i++) {
      const token = (await heldTokens()).find((t) => t.regionId === regionId && t.epoch === epochNow());
      if (token) return token;
      await b.load(origin.url('http', `fresh${i}.${Date.now()}.test`), 15_000);
    }
    throw new Error('the extension holds no token for this epoch');
  }

  /**
   * The most proxy challenges one request met (the extension answers each, up to twice). Chromium:
   * counted per request by a webRequest listener in our page next to the extension's own. Firefox
   * ESR 153 delivers no onAuthRequired event to a listener added from an extension page, so there
   * it is counted at the proxies, per new host (each loaded once).
   */
  async function worstChallenges(hosts: string[]): Promise<number> {
    if (name === 'chromium') return Math.max(0, ...Object.values(await b.ui.run(readChallenges)));
    return Math.max(0, ...hosts.map((h) => provider.eventsFor(h).filter((e) => !e.authorized).length));
  }

  /** Counting starts now (the listener lives in the ui page: reinstalled after each navigation). */
  const startCounting = () => (name === 'chromium' ? b.ui.run(countChallenges) : Promise.resolve());

  beforeAll(async () => {
    [provider, origin] = await Promise.all([
      startTestProvider({ tokenEpochSeconds: EPOCH_SECONDS }),
      startLeakOrigin(),
    ]);
    gate = await startAccountGate(provider.accountUrl);
    b = await launchZoneBrowser(name);
    await b.useAccountService(gate.url);
    await b.logIn();
    await b.ui.ask('addBypass', { pattern: BYPASSED });
    await b.ui.run(recordClicks);
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close(), gate?.close()]);
  });

  it(
    `Connect with the account service slowed 3 s, ${CONNECT_CYCLES} times: direct before the click, nothing direct once blocking took effect`,
    async ({ task }) => {
      const direct: string[] = [];
      let inWindow = 0;
      let widest = 0;
      let slowest = 0;
      for (let i = 0; i < CONNECT_CYCLES; i++) {
        const host = `c${i}.poll-connect.test`;
        const stop = await poll(host);
        await waitUntil(() => origin.directHits(host).length > 0, 5_000).catch(() => undefined);
        const seen = origin.directHits(host).length > 0;
        if (i === 0) recordLeak(task, { browser: name, positiveControl: seen });
        requirePositive(seen, 'direct polls while disconnected');
        gate.delayMs = SLOW_MS;
        try {
          await b.ui.chooseRegion(REGION);
          await b.ui.click('Connect');
          await b.ui.waitForButton('Disconnect', 20_000);
          const clicked = await b.ui.run(clickAt);
          slowest = Math.max(slowest, Date.now() - clicked);
          // The page ends up proxied.
          await waitUntil(() => proxiedPolls(origin, host, clicked).length > 0, 10_000);
          await sleep(500);
          const switched = protectedFrom(origin, host, await stop(), clicked);
          const leaked = directPolls(origin, host, switched);
          direct.push(
            ...leaked.map((h) => `cycle ${i}: issued ${issuedAt(h) - switched} ms after blocking took effect`),
          );
          inWindow += directPolls(origin, host, clicked, switched).length;
          widest = Math.max(widest, switched - clicked);
        } finally {
          gate.delayMs = 0;
        }
        await b.ui.click('Disconnect');
        await b.ui.waitForButton('Connect', 10_000);
      }
      recordLeak(task, {
        browser: name,
        directConnections: direct.length,
        note: `blocking in effect ≤ ${widest} ms after the click (${inWindow} direct polls issued in that gap); connected ≤ ${slowest} ms`,
      });
      expect(direct).toEqual([]);
      // The later scenarios start connected.
      await b.ui.click('Connect');
      await b.ui.waitForButton('Disconnect', 20_000);
    },
    60_000 + CONNECT_CYCLES * 30_000,
  );

  it('region switch while connected, account service slowed 3 s: nothing direct, the page ends up in the new region', async ({
    task,
  }) => {
    await requireDirectBypass(task, b, origin, BYPASSED);

    const host = 'poll-switch.test';
    const stop = await poll(host);
    await waitUntil(() => proxiedPolls(origin, host).length > 0, 15_000);
    const before = provider.events.length;
    gate.delayMs = SLOW_MS;
    try {
      await b.ui.chooseRegion(OTHER);
      const switched = await b.ui.run(clickAt);
      let last: ViewState | null = null;
      await waitUntil(async () => {
        last = await view();
        return last.status === 'connected' && last.regionId === OTHER;
      }, 20_000).catch((e: unknown) => {
        throw new Error(`not switched: ${JSON.stringify(last?.error)} ${JSON.stringify(last).slice(0, 300)}`, {
          cause: e,
        });
      });
      const inNew = () =>
        provider.events.slice(before).some((e) => e.regionId === OTHER && e.authorized && e.target.startsWith(host));
      await waitUntil(inNew, 15_000);
      await sleep(1_000);
      await stop();
      const direct = origin.directHits(host);
      recordLeak(task, {
        browser: name,
        directConnections: direct.length,
        note: `${proxiedPolls(origin, host, switched).length} polls proxied after the switch`,
      });
      expect(direct).toEqual([]);
    } finally {
      gate.delayMs = 0;
    }
  });

  it('epoch changes: 20 s token epochs pass twice, account slowed 3 s, new hosts force 407s; nothing direct, no dialog, ≤ 2 challenges per request', async ({
    task,
  }) => {
    await requireDirectBypass(task, b, origin, BYPASSED);

    const firstEpoch = epochNow();
    const before = provider.events.length;
    await startCounting();
    gate.delayMs = SLOW_MS;
    const t0 = Date.now();
    const outcomes: string[] = [];
    const hosts: string[] = [];
    try {
      const stop = await poll('poll-refresh.test');
      // Proxies accept the current and the previous epoch: a browser's cached token is refused only
      // two epochs on. Load a new host (new proxy connection) every 300 ms until then, and a bit more.
      const until = (firstEpoch + 2) * EPOCH_SECONDS * 1000 + 6_000;
      for (let i = 0; Date.now() < until; i++) {
        hosts.push(`n${i}.refresh.test`);
        outcomes.push(await b.load(origin.url(i % 2 ? 'https' : 'http', hosts[i]!), 15_000));
        await sleep(300);
      }
      await sleep(1_000);
      await stop();
    } finally {
      gate.delayMs = 0;
    }
    const epochs = new Set((await heldTokens()).map((t) => t.epoch));
    const challenged = provider.events.slice(before).filter((e) => !e.authorized).length;
    // The window must have happened, else this scenario proves nothing.
    expect(epochs.has(firstEpoch + 2) || epochs.has(firstEpoch + 3), 'tokens of a later epoch are held').toBe(true);
    expect(challenged, 'the proxies challenged during the window').toBeGreaterThan(0);
    const worst = await worstChallenges(hosts);
    const direct = origin.directConnections(t0).length;
    recordLeak(task, {
      browser: name,
      directConnections: direct,
      note: `${outcomes.length} loads (${outcomes.filter(isBlocked).length} failed); ${challenged} 407s; max ${worst} challenges per ${name === 'chromium' ? 'request' : 'new host'}`,
    });
    expect(direct).toBe(0);
    expect(outcomes.filter((o) => !(o === '127.0.0.2' || isBlocked(o)))).toEqual([]);
    expect(outcomes.filter((o) => o === '127.0.0.2').length).toBeGreaterThan(outcomes.length / 2);
    expect(worst).toBeLessThanOrEqual(2);
    expect((await view()).status).toBe('connected');
  });

  it('logout while connected and polling (kill switch on): proxied until the click, the tokens discarded; a copied token ends with its epoch', async ({
    task,
  }) => {
    expect((await view()).settings.killSwitch).toBe(true);
    const control = await b.load(origin.url('http', BYPASSED));
    const regionId = (await view()).regionId!;
    const token = await currentToken(regionId, 8_000);
    const credentials = { username: token.username, password: token.token };
    const server = provider.regions.find((r) => r.id === regionId)!.servers[0]!;
    // O6 replay, positive control: the same token from the test is accepted while logged in.
    const accepted = await replayCredentials(server, credentials, origin.url('http', 'replay-before.test'));
    const replaySeen = accepted === 200 && origin.hitsFor('replay-before.test').some((h) => h.from === '127.0.0.2');
    recordLeak(task, { browser: name, positiveControl: control === '127.0.0.1' && replaySeen });
    requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
    requirePositive(replaySeen, `the replayed token accepted while logged in (status ${accepted})`);

    const host = 'poll-logout.test';
    const stop = await poll(host);
    await waitUntil(() => proxiedPolls(origin, host).length > 0, 15_000);
    await b.ui.open('options');
    await b.ui.run(recordClicks);
    gate.delayMs = SLOW_MS;
    let clicked: number;
    let done: number;
    try {
      await b.ui.click('Log out');
      clicked = await b.ui.run(clickAt);
      await waitUntil(async () => (await view()).status === 'signedOut', 20_000);
      done = Date.now();
      await sleep(1_500);
    } finally {
      gate.delayMs = 0;
      await stop();
    }
    const held = await heldTokens();
    // Tokens cannot be recalled (the proxies cannot know whose they are, docs/security.md): a
    // copy passes until its epoch and the next are over, then it is refused.
    await sleep(Math.max(0, (token.epoch + 2) * EPOCH_SECONDS * 1000 - Date.now()) + 500);
    const refused = await replayCredentials(server, credentials, origin.url('http', 'replay-after.test'));
    const fresh = await b.load(origin.url('http', 'after-logout.test'), 15_000);
    const whileProtected = directPolls(origin, host, 0, clicked).length;
    const duringLogout = directPolls(origin, host, clicked, done).length;
    const afterLogout = directPolls(origin, host, done).length;
    recordLeak(task, {
      browser: name,
      directConnections: whileProtected,
      note: `logout took ${done - clicked} ms (${duringLogout} direct meanwhile); replay two epochs later: ${refused}; ${afterLogout} direct polls after logout (expected: the user ended protection); a new tab after logout: ${fresh.slice(0, 30)}`,
    });
    expect(whileProtected).toBe(0);
    expect(held).toEqual([]); // the extension discarded its tokens at once
    expect(refused).toBe(407);
    expect(origin.hitsFor('replay-after.test')).toEqual([]);
    // Logout ends protection as Disconnect does (docs/security.md "Promise"): the open page and a
    // new tab go direct; the kill switch holds only when the session ends by itself.
    expect(afterLogout).toBeGreaterThan(0);
    expect(fresh).toBe('127.0.0.1');
  });

  // Once failed in Chromium (ERR_PROXY_CONNECTION_FAILED): a credential fetch sent with the old
  // session just before logout came back 401 after this login and signed the user out of the new
  // session, so the kill switch blocked (fixed in proxy-challenge.ts; controller.test.ts "late 401").
  it("log in and connect again: the browser's cached, expired token is replaced, loads proxied, ≤ 2 challenges per request", async ({
    task,
  }) => {
    await requireDirectBypass(task, b, origin, BYPASSED);
    await b.logIn(); // opens the popup in the ui tab
    await startCounting();
    await b.ui.click('Connect');
    await b.ui.waitForButton('Disconnect', 20_000);
    const before = provider.events.length;
    const t0 = Date.now();
    const outcomes = [];
    const hosts = ['again1.rotate.test', 'again2.rotate.test'];
    for (const host of hosts) outcomes.push(await b.load(origin.url('http', host), 15_000));
    const refusedCached = provider.events.slice(before).filter((e) => !e.authorized).length;
    const worst = await worstChallenges(hosts);
    const direct = origin.directConnections(t0).length;
    recordLeak(task, {
      browser: name,
      directConnections: direct,
      note: `${refusedCached} 407s after the new login; max ${worst} challenges per ${name === 'chromium' ? 'request' : 'new host'}`,
    });
    expect(direct).toBe(0);
    expect(outcomes).toEqual(['127.0.0.2', '127.0.0.2']);
    expect(worst).toBeLessThanOrEqual(2);
    // Still signed in and connected, as the user left it.
    expect(await view()).toMatchObject({ status: 'connected', error: null });
  });
});
