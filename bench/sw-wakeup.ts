/**
 * 5. Service-worker wake-up: CDP ServiceWorker.stopAllWorkers, then (a) a bench page's first
 * getState message answered, (b) the popup's state rendered, (c) a proxied page loaded; each
 * against the same with the worker running, in the same run. The extension is connected.
 */
import type { BenchSession } from './lib/browser-session';
import { PING_PAGE } from './lib/extension-copy';
import { timePageOpen } from './lib/ready-probe';
import { median, now, round, type MeasureResult, type Row } from './lib/stats';
import { flip } from './connect-latency';

const RUNS = 6;

interface VersionEvent {
  versions: { runningStatus: string; scriptURL: string }[];
}

export async function measureWakeup(session: BenchSession): Promise<MeasureResult> {
  const { browser, cdp, origin } = session;
  let status = 'running';
  let starts = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (event: VersionEvent) => {
    const ours = event.versions.find((v) => v.scriptURL.endsWith('/background.js'));
    if (!ours) return;
    if (ours.runningStatus === 'starting' && status !== 'starting') starts++;
    status = ours.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  const stop = async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const deadline = now() + 5_000;
    while (status !== 'stopped' && now() < deadline) await new Promise((r) => setTimeout(r, 5));
    if (status !== 'stopped') throw new Error('the service worker did not stop');
  };
  const ping = async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(session.url(PING_PAGE));
      // Functions, not strings: a string predicate needs eval, which the extension's CSP refuses.
      const read = () => (window as unknown as { __ping?: { sent: number; answered: number; ok: boolean } }).__ping;
      await page.waitForFunction(read, undefined, { timeout: 10_000 });
      const p = (await page.evaluate(read))!;
      if (!p.ok) throw new Error('getState failed');
      return p.answered - p.sent;
    } finally {
      await page.close();
    }
  };
  const popup = async () => (await timePageOpen(browser.context, session.url('popup/popup.html'))).ready;
  let n = 0;
  const proxied = async () => {
    const tab = await browser.context.newPage();
    try {
      const t0 = now();
      await tab.goto(`http://wake-${n++}.bench.test:${origin.port}/`, { timeout: 15_000 });
      const ms = now() - t0;
      const from = await tab.locator('#from').textContent();
      if (from !== '127.0.0.2') throw new Error(`not proxied: ${from}`);
      return ms;
    } finally {
      await tab.close();
    }
  };

  await flip(session, 'Connect', 'Disconnect');
  await proxied(); // the first challenge of this connection
  const cold = { ping: [] as number[], popup: [] as number[], proxied: [] as number[] };
  const warm = { ping: [] as number[], popup: [] as number[], proxied: [] as number[] };
  let proxiedStarts = 0;
  for (let i = 0; i < RUNS; i++) {
    warm.ping.push(await ping());
    await stop();
    cold.ping.push(await ping());
    warm.popup.push(await popup());
    await stop();
    cold.popup.push(await popup());
    warm.proxied.push(await proxied());
    await stop();
    const before = starts;
    cold.proxied.push(await proxied());
    if (starts > before) proxiedStarts++;
  }
  await flip(session, 'Disconnect', 'Connect');
  const row = (name: string, key: keyof typeof cold, goal: boolean, note?: string): Row => {
    const c = median(cold[key]);
    const w = median(warm[key]);
    return {
      measure: 'sw-wake',
      name,
      value: round(c, 1),
      unit: 'ms',
      runs: RUNS,
      baseline: round(w, 1),
      ratio: round(c / w, 2),
      ...(goal ? { goal: '< 50 ms', pass: c < 50 } : {}),
      ...(note ? { note } : {}),
    };
  };
  return {
    measure: 'sw-wake',
    rows: [
      row('stopped worker -> first getState answered', 'ping', true, 'baseline: worker running'),
      row('stopped worker -> popup state rendered (nav start)', 'popup', true, 'baseline: worker running'),
      row('stopped worker -> proxied page loaded', 'proxied', false, `worker woken in ${proxiedStarts}/${RUNS} loads`),
    ],
    details: {
      method:
        'CDP ServiceWorker.stopAllWorkers on a page session, wait for runningStatus "stopped", then act. ' +
        `getState is sent by ${PING_PAGE} (extension copy only) at script start; popup time is nav start -> Disconnect button in the DOM`,
      cold: Object.fromEntries(Object.entries(cold).map(([k, v]) => [k, v.map((x) => round(x, 1))])),
      warm: Object.fromEntries(Object.entries(warm).map(([k, v]) => [k, v.map((x) => round(x, 1))])),
      workerStartsDuringProxiedLoads: proxiedStarts,
    },
  };
}
