/**
 * Agreement fuzz: for random rule lists and requests, four deciders must give the same answer:
 * `decide` (+ pacAnswer), the generated PAC evaluated in a PAC runtime, `toFirefoxAnswer`, and a
 * naive reference written from the stated precedence. One fixed seed keeps CI reproducible; one
 * fresh seed per run (printed) explores further. Replay a failure with ZV_FUZZ_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest';
import { createPacRuntime, type DnsCall } from '../../test/unit/pac-sandbox';
import { createReference } from '../../test/unit/routing-reference';
import { randomInput, randomRequest } from '../../test/unit/routing-fuzz-cases';
import { seededRandom } from '../../test/unit/seeded-random';
import { toFirefoxAnswer, type FirefoxAnswer } from './firefox-proxy-answer';
import { generatePac, pacAnswer, pacCodePart, PAC_SKELETON } from './pac-script';
import { compileRouting, decide, portOfUrl, type Decision } from './routing';

const FIXED_SEED = 20_240_601;
const TABLES = 125;
const REQUESTS_PER_TABLE = 800;

/** Firefox's answer spelled as a PAC answer, to compare the two browsers' routes. */
function firefoxAsPac(answer: FirefoxAnswer): string {
  const [first] = answer;
  if (first && first.type === 'direct') return answer.length === 1 ? 'DIRECT' : 'INVALID: direct in a list';
  const last = answer.at(-1);
  if (last !== null && last?.type !== 'direct') return 'INVALID: ends in neither null nor direct';
  const keyword = { http: 'PROXY', https: 'HTTPS', socks: 'SOCKS5' } as const;
  const proxies = answer
    .slice(0, -1)
    .map((info) => {
      if (!info || info.type === 'direct') return 'INVALID';
      if ((info.type === 'socks') !== (info.proxyDNS === true)) return 'INVALID: proxyDNS';
      const host = info.host.includes(':') ? `[${info.host}]` : info.host;
      return `${keyword[info.type]} ${host}:${info.port}`;
    })
    .join('; ');
  return last === null ? proxies : `${proxies}; DIRECT`;
}

function summary(decision: Decision): string {
  return decision.type === 'proxy' ? `proxy:${decision.regionId}` : decision.type;
}

function runFuzz(seed: number, tables: number) {
  const r = seededRandom(seed);
  const dnsCalls: DnsCall[] = [];
  const loadPac = createPacRuntime(dnsCalls);
  const failures: string[] = [];
  let cases = 0;
  for (let t = 0; t < tables; t++) {
    const input = randomInput(r);
    const table = compileRouting(input);
    const script = generatePac(table);
    if (pacCodePart(script) !== PAC_SKELETON) failures.push(`seed ${seed} table ${t}: the code part changed`);
    const pac = loadPac(script);
    const reference = createReference(input);
    for (let q = 0; q < REQUESTS_PER_TABLE; q++) {
      const request = randomRequest(r, input);
      cases++;
      const port = portOfUrl(request.url);
      const decision = decide(table, request.host, port);
      const expected = pacAnswer(decision);
      const fromPac = pac.findProxyForURL(request.url, request.host);
      const fromFirefox = firefoxAsPac(toFirefoxAnswer(decision));
      const oracle = reference(request.host, request.port);
      const referenceText = oracle.type === 'proxy' ? `proxy:${oracle.regionId}` : oracle.type;
      if (
        port !== request.port ||
        fromPac !== expected ||
        fromFirefox !== expected ||
        referenceText !== summary(decision)
      ) {
        failures.push(
          `seed ${seed} table ${t}: ${request.url} host=${JSON.stringify(request.host)} decide=${summary(decision)} ` +
            `reference=${referenceText} pac=${fromPac} firefox=${fromFirefox} port=${port}/${request.port} ` +
            `input=${JSON.stringify(input.entries.map((e) => [e.rule, e.regionId]))} mode=${input.mode} local=${input.bypassLocal} default=${input.defaultRegionId}`,
        );
        if (failures.length >= 5) return { cases, failures, dnsCalls };
      }
    }
  }
  return { cases, failures, dnsCalls };
}

describe('decide, the evaluated PAC, the Firefox answer and the reference agree', () => {
  it(`on ${TABLES * REQUESTS_PER_TABLE} cases from the fixed seed ${FIXED_SEED}`, () => {
    const { cases, failures, dnsCalls } = runFuzz(FIXED_SEED, TABLES);
    expect(failures).toEqual([]);
    expect(dnsCalls).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(100_000);
  });

  it(`on ${(TABLES / 5) * REQUESTS_PER_TABLE} cases from a fresh seed (printed; replay with ZV_FUZZ_SEED)`, () => {
    const seed = Number(process.env.ZV_FUZZ_SEED) || (Math.random() * 2 ** 32) >>> 0;
    console.log(`routing fuzz seed: ${seed}`);
    const { failures, dnsCalls } = runFuzz(seed, TABLES / 5);
    expect(failures).toEqual([]);
    expect(dnsCalls).toEqual([]);
  });
});
