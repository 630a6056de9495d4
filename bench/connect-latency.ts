/**
 * 4. Connect latency: click Connect -> the button flips to Disconnect (popup clock), and -> the
 * first proxied request answered (a fresh *.test host loaded in a tab, seen by the origin from the
 * proxy's address 127.0.0.2). Account-service round trips on that path come from the counting front:
 * tokens are fetched ahead of need, so a Connect makes none. Run 0 is the first connect after logging
 * in; the rest are warm (connect, load, disconnect, again).
 */
import type { BenchSession } from './lib/browser-session';
import { median, now, round, type MeasureResult } from './lib/stats';

const RUNS = 12;

/**
 * Waits until the button labelled `from` is enabled (it is disabled while the background is busy),
 * clicks it and resolves, in page time since the click, when one labelled `to` is enabled.
 */
const FLIP = `(async ([from, to]) => {
  var ready = function (label) {
    return Array.prototype.find.call(document.querySelectorAll('button'), function (b) {
      return (b.textContent || '').trim() === label && !b.disabled;
    });
  };
  var when = function (label) {
    return new Promise(function (resolve, reject) {
      if (ready(label)) return resolve(ready(label));
      var timer = setTimeout(function () { observer.disconnect(); reject(new Error('no enabled ' + label)); }, 10000);
      var observer = new MutationObserver(function () {
        var b = ready(label);
        if (b) { clearTimeout(timer); observer.disconnect(); resolve(b); }
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  };
  var button = await when(from);
  var t0 = performance.now();
  button.click();
  await when(to);
  return performance.now() - t0;
})`;

export async function flip(session: BenchSession, from: string, to: string): Promise<number> {
  return session.popup.evaluate(`${FLIP}(${JSON.stringify([from, to])})`) as Promise<number>;
}

export async function measureConnect(session: BenchSession): Promise<MeasureResult> {
  const { browser, origin, front } = session;
  const tab = await browser.context.newPage();
  const runs: { flipMs: number; proxiedMs: number; from: string; roundTrips: string[] }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const mark = front.requests.length;
    const t0 = now();
    const flipMs = await flip(session, 'Connect', 'Disconnect');
    const response = await tab.goto(`http://connect-${i}.bench.test:${origin.port}/`, { timeout: 15_000 });
    const proxiedMs = now() - t0;
    const from = response?.ok() ? ((await tab.locator('#from').textContent()) ?? '') : `HTTP ${response?.status()}`;
    runs.push({
      flipMs,
      proxiedMs,
      from,
      roundTrips: front.since(mark),
    });
    await flip(session, 'Disconnect', 'Connect');
  }
  await tab.close();
  const bad = runs.filter((r) => r.from !== '127.0.0.2');
  if (bad.length) throw new Error(`a request did not go through the proxy: ${bad.map((r) => r.from).join(', ')}`);
  const warm = runs.slice(1);
  const cold = runs[0]!;
  const warmTrips = Math.max(...warm.map((r) => r.roundTrips.length));
  const proxied = median(warm.map((r) => r.proxiedMs));
  return {
    measure: 'connect',
    rows: [
      {
        measure: 'connect',
        name: 'click -> Disconnect shown (warm)',
        value: round(median(warm.map((r) => r.flipMs)), 1),
        unit: 'ms',
        runs: warm.length,
      },
      {
        measure: 'connect',
        name: 'click -> first proxied response (warm)',
        value: round(proxied, 1),
        unit: 'ms',
        runs: warm.length,
        goal: '< 100 ms',
        pass: proxied < 100,
      },
      {
        measure: 'connect',
        name: 'account round trips per connect (warm, max)',
        value: warmTrips,
        unit: 'requests',
        runs: warm.length,
        goal: '0 (tokens fetched ahead of need)',
        pass: warmTrips === 0,
        note: [...new Set(warm.flatMap((r) => r.roundTrips))].join(', '),
      },
      {
        measure: 'connect',
        name: 'click -> Disconnect shown (first after login)',
        value: round(cold.flipMs, 1),
        unit: 'ms',
        runs: 1,
      },
      {
        measure: 'connect',
        name: 'click -> first proxied response (first after login)',
        value: round(cold.proxiedMs, 1),
        unit: 'ms',
        runs: 1,
      },
      {
        measure: 'connect',
        name: 'account round trips (first after login)',
        value: cold.roundTrips.length,
        unit: 'requests',
        runs: 1,
        note: cold.roundTrips.join(', '),
      },
    ],
    details: {
      method:
        'popup clock for the flip (in-page click + MutationObserver); Node clock for click -> proxied response, ' +
        'which includes Playwright round trips (a few ms); round trips counted by a reverse proxy in front of the account service',
      runs: runs.map((r) => ({
        ...r,
        flipMs: round(r.flipMs, 1),
        proxiedMs: round(r.proxiedMs, 1),
      })),
    },
  };
}
