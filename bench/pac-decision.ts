/**
 * 1. PAC decision cost: generatePac(compileRouting(…)) for 0 to 100k rules, run in V8 through
 * node:vm with the standard PAC helpers, against a naive looping PAC built in the same run.
 */
import vm from 'node:vm';
import defaultConfig from '../server/config/default.json';
import { generatePac } from '../src/core/pac-script';
import { compileRouting, type RoutingInput } from '../src/core/routing';
import type { ProxyServer } from '../src/shared/provider-types';
import { naivePac } from './pac-baseline';
import { makeFixture } from './pac-fixtures';
import { PAC_HELPERS } from './pac-helpers';
import { median, now, round, type MeasureResult, type Row } from './lib/stats';

const SIZES = [0, 1_000, 10_000, 100_000];
const HOSTS = 100_000;
const RUNS = 5;
/** Baseline calls per run, fewer for long lists: its per-call cost grows with the list. */
const BASELINE_CALLS: Record<number, number> = { 0: 100_000, 1000: 2_000, 10000: 200, 100000: 20 };
const GEN_RUNS: Record<number, number> = { 0: 20, 1000: 10, 10000: 5, 100000: 3 };

type Find = (url: string, host: string) => string;

/**
 * Helpers and script run inside one function scope of a fresh context: a contextified vm global
 * answers every global lookup through an interceptor (~10x slower than a real global object, which
 * Chromium's PAC runtime has), so top-level names become closure variables instead.
 */
function load(source: string): { find: Find; dnsCalls: () => number } {
  const context = vm.createContext({});
  const wrapped = `(function () {\n${PAC_HELPERS}\n${source}\n;return { find: FindProxyForURL, dns: function () { return __dnsCalls; } };\n})()`;
  const api = vm.runInContext(wrapped, context) as { find: Find; dns: () => number };
  return { find: api.find, dnsCalls: api.dns };
}

/** Median per-call time in µs over RUNS runs of `calls` calls (after one warm-up run). */
function perCall(find: Find, urls: string[], hosts: string[], calls: number): { us: number; direct: number } {
  let direct = 0;
  const run = () => {
    let d = 0;
    const t0 = now();
    for (let i = 0; i < calls; i++) if (find(urls[i]!, hosts[i]!) === 'DIRECT') d++;
    const t = now() - t0;
    direct = d;
    return (t * 1000) / calls;
  };
  run();
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) times.push(run());
  return { us: median(times), direct };
}

export async function measurePac(): Promise<MeasureResult> {
  const regions: Record<string, ProxyServer[]> = {};
  for (const region of defaultConfig.regions) regions[region.id] = region.servers as ProxyServer[];
  const rows: Row[] = [];
  const details: Record<string, unknown> = { hostsPerRun: HOSTS, runs: RUNS, baselineCalls: BASELINE_CALLS };
  const ours: Record<number, number> = {};
  for (const size of SIZES) {
    const fixture = makeFixture(size, HOSTS);
    const input: RoutingInput = {
      entries: fixture.rules.map((rule) => ({ rule })),
      mode: 'exclude',
      bypassLocal: true,
      defaultRegionId: 'de-fra',
      regions,
      alwaysDirect: ['127.0.0.1:18100'],
    };
    const genTimes: number[] = [];
    let pac = '';
    for (let r = 0; r < (GEN_RUNS[size] ?? 3); r++) {
      const t0 = now();
      pac = generatePac(compileRouting(input));
      genTimes.push(now() - t0);
    }
    const proxyAnswer = 'PROXY 127.0.0.1:18101; PROXY 127.0.0.1:18102';
    const naive = naivePac(fixture.patterns, proxyAnswer);
    const mine = load(pac);
    const base = load(naive);
    const a = perCall(mine.find, fixture.urls, fixture.hosts, HOSTS);
    const calls = Math.min(HOSTS, BASELINE_CALLS[size] ?? 100);
    const b = perCall(base.find, fixture.urls, fixture.hosts, calls);
    ours[size] = a.us;
    const label = size === 0 ? '0' : `${size / 1000}k`;
    rows.push({
      measure: 'pac',
      name: `per call, ${label} rules`,
      value: round(a.us, 4),
      unit: 'µs',
      runs: RUNS,
      baseline: round(b.us, 3),
      ratio: round(a.us / b.us, 6),
      ...(size === 10_000 ? { goal: '>= 1000x faster than baseline', pass: b.us / a.us >= 1000 } : {}),
      note: `${b.us >= a.us ? `ours ${round(b.us / a.us, 1)}x faster` : `baseline ${round(a.us / b.us, 1)}x faster`}; baseline ${calls} calls/run`,
    });
    rows.push({
      measure: 'pac',
      name: `script size, ${label} rules`,
      value: pac.length,
      unit: 'B',
      baseline: naive.length,
      ratio: round(pac.length / naive.length, 3),
    });
    rows.push({
      measure: 'pac',
      name: `generate, ${label} rules`,
      value: round(median(genTimes), 2),
      unit: 'ms',
      runs: genTimes.length,
    });
    details[`size${size}`] = {
      rules: fixture.rules.length,
      hostMix: fixture.mix,
      directAnswers: { ours: a.direct, ofCalls: HOSTS, baseline: b.direct, ofBaselineCalls: calls },
      dnsHelperCalls: { ours: mine.dnsCalls(), baseline: base.dnsCalls() },
    };
    if (mine.dnsCalls() !== 0) throw new Error(`our PAC called a DNS helper ${mine.dnsCalls()} times`);
  }
  const flat = ours[100_000]! / ours[0]!;
  rows.push({
    measure: 'pac',
    name: 'per call 100k / 0 rules',
    value: round(flat, 3),
    unit: 'x',
    goal: '<= 1.5x and 100k < 2 µs',
    pass: flat <= 1.5 && ours[100_000]! < 2,
  });
  return { measure: 'pac', rows, details };
}
