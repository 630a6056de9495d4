/**
 * npm run bench: every measure, one table, bench/results.json and docs/benchmarks.md.
 * `npm run bench -- --only pac,bundle` runs a subset (pac, bundle, tokens, fleet-load, popup, connect, sw-wake,
 * options, proxy).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { measureBundles } from './bundle-sizes';
import { measureConnect } from './connect-latency';
import { measureFleetLoad } from './fleet-load';
import { startBenchSession, type BenchSession } from './lib/browser-session';
import { copyExtension, ROOT } from './lib/extension-copy';
import { describeMachine } from './lib/machine';
import { installReadyProbe } from './lib/ready-probe';
import { now, round, type MeasureResult } from './lib/stats';
import { textTable } from './lib/table';
import { measureOptionsList } from './options-list';
import { measurePac } from './pac-decision';
import { measurePopup } from './popup-tti';
import { measureProxy } from './proxy-overhead';
import { writeReport, type BenchResults } from './report';
import { measureTokens } from './tokens';
import { measureWakeup } from './sw-wakeup';

const ALL = ['pac', 'bundle', 'tokens', 'fleet-load', 'popup', 'connect', 'sw-wake', 'options', 'proxy'];
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : ALL;
const wanted = (name: string) => only.includes(name);

async function attempt(name: string, fn: () => Promise<MeasureResult>): Promise<MeasureResult> {
  const t0 = now();
  process.stderr.write(`bench: ${name}…`);
  try {
    const result = await fn();
    process.stderr.write(` ${((now() - t0) / 1000).toFixed(1)} s\n`);
    return result;
  } catch (error) {
    process.stderr.write(` failed: ${String(error).split('\n')[0]}\n`);
    return { measure: name, rows: [], error: String(error).split('\n').slice(0, 3).join(' ') };
  }
}

const started = now();
const machine = describeMachine();
const loadBefore = loadavg().map((l) => round(l, 2));
// Only the bundle and browser measures need the extension (built when dist/chromium is missing).
const ext = ['bundle', 'popup', 'connect', 'sw-wake', 'options', 'proxy'].some(wanted) ? copyExtension() : undefined;
const results: MeasureResult[] = [];
let session: BenchSession | undefined;
try {
  if (wanted('pac')) results.push(await attempt('pac', measurePac));
  if (ext && wanted('bundle')) results.push(await attempt('bundle', () => measureBundles(ext.dir)));
  if (wanted('tokens')) results.push(await attempt('tokens', measureTokens));
  // Before the browser starts: it uses every core it can get.
  if (wanted('fleet-load')) results.push(await attempt('fleet-load', measureFleetLoad));
  const browserMeasures = ['popup', 'connect', 'sw-wake', 'options', 'proxy'].filter(wanted);
  if (ext && browserMeasures.length) {
    try {
      session = await startBenchSession(ext.dir);
      await installReadyProbe(session.browser.context);
    } catch (error) {
      for (const name of browserMeasures) results.push({ measure: name, rows: [], error: `setup: ${String(error)}` });
    }
  }
  if (session) {
    const s = session;
    if (wanted('popup')) results.push(await attempt('popup', () => measurePopup(s)));
    if (wanted('connect')) results.push(await attempt('connect', () => measureConnect(s)));
    if (wanted('sw-wake')) results.push(await attempt('sw-wake', () => measureWakeup(s)));
    if (wanted('options')) results.push(await attempt('options', () => measureOptionsList(s)));
    // An idle browser still costs CPU on a small machine: close it before the throughput figures.
    await s.closeBrowser();
    if (wanted('proxy')) results.push(await attempt('proxy', () => measureProxy(s.provider)));
  }
} finally {
  await session?.close().catch(() => undefined);
  ext?.remove();
}

const rows = results.flatMap((r) => r.rows);
const output: BenchResults = {
  machine: { ...machine, loadAverageBefore: loadBefore, loadAverageAfter: loadavg().map((l) => round(l, 2)) },
  build: ext ? { builtAt: ext.builtAt, builtByBench: ext.builtNow } : { builtAt: 'not used', builtByBench: false },
  durationSeconds: round((now() - started) / 1000, 1),
  measures: only,
  rows,
  details: Object.fromEntries(results.map((r) => [r.measure, r.details ?? null])),
  errors: Object.fromEntries(results.filter((r) => r.error).map((r) => [r.measure, r.error!])),
};

console.log(textTable(rows));
for (const [name, error] of Object.entries(output.errors)) console.log(`\n${name} FAILED TO RUN: ${error}`);
const misses = rows.filter((r) => r.pass === false);
console.log(
  `\n${rows.filter((r) => r.pass).length} goals met, ${misses.length} missed` +
    (misses.length ? `: ${misses.map((r) => `${r.measure}/${r.name}`).join('; ')}` : '') +
    `. ${output.durationSeconds} s, load average ${loadBefore.join(' ')} -> ${output.machine.loadAverageAfter.join(' ')} on ${machine.nproc} CPUs.`,
);

// Only a full run replaces the recorded figures: a subset would drop every other measure from them.
if (only.length === ALL.length) {
  const resultsPath = join(ROOT, 'bench/results.json');
  writeFileSync(
    resultsPath,
    await format(JSON.stringify(output), { ...(await resolveConfig(resultsPath)), filepath: resultsPath }),
  );
  await writeReport(output);
} else console.log('(subset run: bench/results.json and docs/benchmarks.md left as they were)');
