/**
 * Restarts while connected, in Chromium and Firefox ESR: the moments peers leak or show an auth
 * dialog (threats F8, F10, T15, T16, T34; oracles O1, O9). After the background is stopped
 * (Chromium's service worker stopped, Firefox's event page suspended when idle) and after the whole
 * browser restarts on the same profile, 20 times, the first page loads through the proxy (or is
 * held back, never direct) with its challenge answered and no dialog, and the popup still says
 * Connected. Both browsers register the proxy listeners in the background's first run, so the
 * browser wakes it for the next request (docs/browser-facts.md). How each browser stops its
 * background and restarts: test/support/restarts.ts. Suspensions, reloads and cold starts of the
 * background alone: lifecycle.e2e.ts.
 *
 * Positive control at every start: a bypassed page must show up at the origin as a direct
 * connection; where the browser restores the session's tabs (Firefox), a restored bypassed tab too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { launchRestartable, type Restartable } from '../../support/restarts';
import { BROWSERS } from '../../support/zone-browser';
import { requirePositive, RESTARTS, SLOW_CYCLES_TIMEOUT_MS, requireNoErrors } from './harness';

const REGION = 'us-nyc';
const PROXY = '127.0.0.2';
const DIRECT = '127.0.0.1';
const BYPASSED = 'bank.test'; // and its subdomains
/**
 * Tabs left open for Firefox's session restore: one bypassed (the control), two proxied. Plain
 * http: a restored https tab loads before the BiDi session (and its acceptance of the test
 * origin's certificate) exists, so it would stop at Firefox's certificate error (seen).
 */
const RESTORED = { bypassed: `restored.${BYPASSED}`, a: 'r-a.restore.leak.test', b: 'r-b.restore.leak.test' };
type Storage = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };

/** Evaluated in our page: how many access tokens the memory-only session storage holds. */
async function heldTokens(): Promise<number> {
  const g = globalThis as unknown as { browser?: Storage; chrome: Storage };
  const { tokens } = await (g.browser ?? g.chrome).storage.session.get(null);
  return (tokens as { tokens?: unknown[] } | undefined)?.tokens?.length ?? 0;
}

describe.each(BROWSERS)('%s: restarts while connected', (name) => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  let b: Restartable;

  beforeAll(async () => {
    [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
    b = await launchRestartable(name, { accountUrl: provider.accountUrl, regionId: REGION, bypass: BYPASSED });
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  const visit = (host: string, scheme: 'http' | 'https' = 'http', timeoutMs?: number) =>
    b.load(origin.url(scheme, host), timeoutMs);

  /** Every request the origin saw for `host` came through the proxy (and there was one). */
  function allProxied(host: string): void {
    expect(origin.hitsFor(host).length).toBeGreaterThan(0);
    expect(origin.hitsFor(host).every((h) => h.from === PROXY)).toBe(true);
  }

  /** The proxy answered a challenge for `host` with our credentials for the region. */
  const answered = (host: string, since = 0) =>
    provider.events.slice(since).some((e) => e.target.startsWith(host) && e.authorized && e.regionId === REGION);

  /**
   * The very first page after a start, with no popup and no click: through the proxy, or held back
   * (`heldAtStart`) if it beats the background; then, within 5 s, the next loads go through the
   * proxy. What the first load saw.
   */
  async function firstPagesAfterStart(host: string, scheme: 'http' | 'https' = 'http'): Promise<string> {
    const t0 = Date.now();
    const first = await visit(host, scheme, 15_000);
    expect(first === PROXY || b.heldAtStart?.test(first) === true, first).toBe(true);
    let outcome = first;
    while (outcome !== PROXY && Date.now() - t0 < 5_000) outcome = await visit(host, scheme, 5_000);
    expect(outcome).toBe(PROXY);
    allProxied(host);
    return first;
  }

  /** Direct connections since `t0` that the bypassed pages do not account for: leaks. */
  const directSince = (t0: number) =>
    origin.directConnections(t0).length -
    origin.hits.filter((h) => h.at >= t0 && h.from === DIRECT && h.host.endsWith(`.${BYPASSED}`)).length;

  /** The positive control: a bypassed page arrives directly (the oracle sees a direct load). */
  const bypassedDirect = async (label: string) => (await visit(`${label}.${BYPASSED}`)) === DIRECT;

  /** Records the scenario's row: its control, and the leaks counted since `t0`. */
  function record(task: Parameters<typeof recordLeak>[0], t0: number, control: boolean, note?: string): void {
    recordLeak(task, { browser: name, positiveControl: control, directConnections: directSince(t0), note });
    requirePositive(control, 'a bypassed page loading directly');
    expect(directSince(t0)).toBe(0);
  }

  async function popupConnected(): Promise<void> {
    await b.ui.open('popup');
    await b.ui.statusSays('Connected');
  }

  it('while connected the origin sees visits arrive from the proxy, and a bypassed site directly', async ({ task }) => {
    const t0 = Date.now();
    expect(await visit('control.test')).toBe(PROXY);
    record(task, t0, await bypassedDirect('control'));
  });

  it('after the background is stopped, the next page still goes through the proxy, its challenge answered', async ({
    task,
  }) => {
    const t0 = Date.now();
    let controls = 0;
    for (let round = 1; round <= 2; round++) {
      await b.stopBackground();
      const host = `after-stop-${round}.test`;
      expect(await visit(host)).toBe(PROXY);
      allProxied(host);
      expect(answered(host)).toBe(true);
      if (await bypassedDirect(`after-stop-${round}`)) controls++;
    }
    record(task, t0, controls === 2);
  });

  it('after a browser restart, pages load through the proxy with no auth dialog, and nothing goes direct', async ({
    task,
  }) => {
    const t0 = Date.now();
    await b.restart();
    const before = provider.events.length;
    await firstPagesAfterStart('after-restart.test');
    expect(answered('after-restart.test', before)).toBe(true);
    await popupConnected();
    // Memory-only tokens died with the browser: the ones used now were fetched again.
    expect(await b.ui.run(heldTokens)).toBeGreaterThan(0);
    record(task, t0, await bypassedDirect('after-restart'));
  });

  it(
    `${RESTARTS} browser restarts while connected: the first new page and restored tabs proxied or held, never direct, every 407 answered with credentials the proxy accepts`,
    async ({ task }) => {
      if (b.restoresTabs) for (const host of Object.values(RESTORED)) await b.keepTab(origin.url('http', host));
      /** Where the page requests for `host` came from since `t0`. */
      const fromSince = (host: string, t0: number) =>
        origin
          .hitsFor(host)
          .filter((h) => h.at >= t0 && h.path === '/')
          .map((h) => h.from);
      let controls = 0;
      let direct = 0;
      let worst407 = 0;
      let refused = 0;
      let unanswered = 0;
      const firsts: string[] = [];
      for (let i = 0; i < RESTARTS; i++) {
        const mark = provider.events.length;
        const t0 = Date.now();
        await b.restart();
        const host = `r${i}.restart.leak.test`;
        firsts.push((await firstPagesAfterStart(host, i % 2 ? 'https' : 'http')).slice(0, 40));
        let proxiedHosts = [host];
        let control = await bypassedDirect(`c${i}`);
        if (b.restoresTabs) {
          // Every restored tab asked again since the start (15 s at most).
          const restored = (h: string) => fromSince(h, t0).length > 0;
          await expect.poll(() => Object.values(RESTORED).every(restored), { timeout: 15_000 }).toBe(true);
          control &&= fromSince(RESTORED.bypassed, t0).includes(DIRECT);
          proxiedHosts = [...proxiedHosts, RESTORED.a, RESTORED.b];
          for (const h of [RESTORED.a, RESTORED.b]) expect(fromSince(h, t0), `restored ${h}`).not.toContain(DIRECT);
        }
        if (control) controls++;
        direct += directSince(t0);
        for (const h of proxiedHosts) {
          const events = provider.eventsFor(h, mark);
          worst407 = Math.max(worst407, events.filter((e) => !e.authorized && e.username === '').length);
          refused += events.filter((e) => !e.authorized && e.username !== '').length;
          if (!events.some((e) => e.authorized)) unanswered++;
        }
      }
      recordLeak(task, {
        browser: name,
        positiveControl: controls === RESTARTS,
        directConnections: direct,
        note: `bypassed pages direct at ${controls}/${RESTARTS} starts${b.restoresTabs ? ' (restored tab included)' : ''}; first loads ${[...new Set(firsts)].join(' / ')}; max 407 per host and start ${worst407}; credentials refused ${refused}; hosts never authorized ${unanswered}`,
      });
      requirePositive(controls === RESTARTS, 'a bypassed page loading directly at every start');
      expect(direct).toBe(0);
      expect(unanswered).toBe(0);
      // Every challenge was answered right the first time: a refused answer is what an auth loop
      // or a dialog starts with. How many challenges a start meets is not bounded: one per proxy
      // connection opened before the first answer; an https start in Chromium was seen with three
      // CONNECTs challenged (locally, and on a clean clone where a bound of 2 failed).
      expect(refused).toBe(0);
    },
    SLOW_CYCLES_TIMEOUT_MS,
  );

  it('auto-connect on, VPN switched off: after a restart the first pages go through the proxy or wait, nothing direct', async ({
    task,
  }) => {
    await b.ui.open('options');
    await b.ui.check('Connect when the browser starts', true);
    await b.ui.open('popup');
    await b.ui.click('Disconnect');
    await b.ui.waitForButton('Connect');
    // Positive control: switched off, the oracle sees a page arrive directly.
    const control = (await visit('auto-control.test')) === DIRECT;
    const t0 = Date.now();
    await b.restart();
    await firstPagesAfterStart('auto-connect.test');
    await popupConnected();
    record(task, t0, control, 'control: a page loaded directly while switched off, before the restart');
  });

  it('no uncaught error, unhandled rejection or console error in the background or our pages across the restarts (O9)', async ({
    task,
  }) => {
    await requireNoErrors(task, name, () => b.errorsWithControl());
  });
});
