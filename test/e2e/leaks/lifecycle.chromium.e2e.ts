/**
 * Browser restarts while connected in Chromium (threats T15, T16; F8; oracles O1, O7, O9): the
 * browser closed and started again on the same profile, again and again. The lifecycle scenarios
 * both browsers run are in lifecycle.e2e.ts; Firefox's browser restarts (a permanently installed
 * add-on, restored tabs) in firefox-restarts.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundLifecycle, ensureConnected, type BackgroundLifecycle } from '../../support/background-lifecycle';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { isBlocked, launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { CYCLES_TIMEOUT_MS, requirePositive, RESTARTS } from './harness';

/** Where the restarts start: connected to this region, this host bypassed (the positive control). */
const START = { regionId: 'us-nyc', bypass: 'direct.bank.test' };

describe('Chromium leak suite: browser restarts', () => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  let b: ZoneBrowser;
  let life: BackgroundLifecycle;
  const unauthorizedFor = (host: string) => provider.eventsFor(host).filter((e) => !e.authorized).length;

  beforeAll(async () => {
    [provider, origin, b] = await Promise.all([
      startTestProvider(),
      startLeakOrigin(),
      launchZoneBrowser('chromium', { leak: true }),
    ]);
    life = backgroundLifecycle(b);
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await ensureConnected(b, { ...START, accountUrl: provider.accountUrl });
    await life.checkpoint();
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  it(
    `${RESTARTS} browser restarts while connected: first loads proxied or blocked, never direct, ≤ 1 407`,
    async ({ task }) => {
      const control = await b.load(origin.url('http', START.bypass));
      recordLeak(task, { browser: 'chromium', positiveControl: control === '127.0.0.1' });
      requirePositive(control === '127.0.0.1', 'a direct load of a bypassed host');
      const firsts: string[] = [];
      let worst407 = 0;
      let slowest = 0;
      for (let i = 0; i < RESTARTS; i++) {
        await life.startCold();
        const host = `r${i}.restart.test`;
        const t0 = Date.now();
        const first = await b.load(origin.url('http', host), 5_000);
        firsts.push(first.slice(0, 40));
        expect(first === '127.0.0.2' || isBlocked(first), first).toBe(true);
        // Then it works within 5 s of the start, with at most one challenge on the proxy connection.
        let outcome = first;
        while (outcome !== '127.0.0.2' && Date.now() - t0 < 5_000)
          outcome = await b.load(origin.url('http', host), 5_000);
        slowest = Math.max(slowest, Date.now() - t0);
        expect(outcome).toBe('127.0.0.2');
        worst407 = Math.max(worst407, unauthorizedFor(host));
      }
      const restartDirect = firsts.filter((f) => f.startsWith('127.0.0.1')).length;
      recordLeak(task, {
        browser: 'chromium',
        directConnections: restartDirect,
        note: `first loads: ${[...new Set(firsts)].join(' / ')}; max 407 ${worst407}; slowest ${slowest} ms`,
      });
      expect(restartDirect).toBe(0);
      expect(worst407).toBeLessThanOrEqual(1);
    },
    CYCLES_TIMEOUT_MS,
  );

  it('no uncaught error in the worker or our pages across the restarts (O9)', async ({ task }) => {
    const { found, control, seen } = await life.errorsWithControl();
    recordLeak(task, { browser: 'chromium', positiveControl: seen, directConnections: found.length });
    requirePositive(seen, `an uncaught error and a rejection thrown in the worker (${control.join('; ')})`);
    expect(found).toEqual([]);
  });
});
