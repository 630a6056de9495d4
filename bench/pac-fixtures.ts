/**
 * Seeded, realistic bypass lists and request host names for the PAC benchmark. Same seed, same
 * data, so two runs compare the same work.
 */
import { parseBypassEntry, type Rule } from '../src/core/bypass-rules';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ka,lo,mi,ne,ra,to,su,vi,de,ban,cor,dex,fin,gal,hub,net,pix,shop,soft,tech,web,zon,news,play,blog,data,mail,cloud,map,go'.split(
    ',',
  );
const TLDS = 'com,com,com,com,net,org,de,fr,io,co.uk,jp,nl,it,es,com.au,ru,ch,se,info,dev'.split(',');
const SUBS = 'www,m,api,cdn,static,img,login,mail,app,beta'.split(',');

export interface Fixture {
  rules: Rule[];
  /** The rules' text, as a user would have typed them (for the naive baseline). */
  patterns: string[];
  /** Request hosts and their URLs, same order. */
  hosts: string[];
  urls: string[];
  /** How many hosts of each kind the mix holds. */
  mix: Record<string, number>;
}

function domain(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const labels = 1 + Math.floor(next() * 3);
  let name = '';
  for (let i = 0; i < labels; i++) name += pick(SYLLABLES);
  if (next() < 0.2) name += `-${pick(SYLLABLES)}`;
  if (next() < 0.1) name += String(Math.floor(next() * 100));
  return `${name}.${pick(TLDS)}`;
}

const ipv4 = (next: () => number) =>
  [1 + Math.floor(next() * 222), Math.floor(next() * 256), Math.floor(next() * 256), 1 + Math.floor(next() * 254)].join(
    '.',
  );

/** size rules: 75% domain, 8% *.subdomains, 7% =exact, 5% IPv4, 3% CIDR, 2% with a port. */
export function makeFixture(size: number, hostCount: number, seed = 1): Fixture {
  const next = rng(seed + size);
  const rules: Rule[] = [];
  const patterns: string[] = [];
  const names: string[] = [];
  const seen = new Set<string>();
  while (rules.length < size) {
    const r = next();
    const name = domain(next);
    let text: string;
    if (r < 0.75) text = name;
    else if (r < 0.83) text = `*.${name}`;
    else if (r < 0.9) text = `=${next() < 0.5 ? 'www.' : ''}${name}`;
    else if (r < 0.95) text = ipv4(next);
    else if (r < 0.98) text = `${ipv4(next).split('.').slice(0, 2).join('.')}.0.0/16`;
    else text = `${name}:${next() < 0.5 ? 8443 : 8080}`;
    if (seen.has(text)) continue;
    const parsed = parseBypassEntry(text);
    if (!parsed.ok) continue; // e.g. a generated name that is a public suffix
    seen.add(text);
    rules.push(parsed.rule);
    patterns.push(text);
    if (parsed.rule.kind !== 'ip' && parsed.rule.kind !== 'cidr') names.push(parsed.rule.host);
  }
  const hosts: string[] = [];
  const mix: Record<string, number> = { bypassed: 0, subdomainOfBypassed: 0, other: 0, ipLiteral: 0 };
  const pickName = () => names[Math.floor(next() * names.length)]!;
  for (let i = 0; i < hostCount; i++) {
    const r = next();
    let host: string;
    if (names.length && r < 0.35) {
      host = pickName();
      mix.bypassed!++;
    } else if (names.length && r < 0.55) {
      host = `${SUBS[Math.floor(next() * SUBS.length)]}.${next() < 0.3 ? 'a.b.' : ''}${pickName()}`;
      mix.subdomainOfBypassed!++;
    } else if (r < 0.92) {
      host = `${SUBS[Math.floor(next() * SUBS.length)]}.${domain(next)}`;
      mix.other!++;
    } else {
      host = ipv4(next);
      mix.ipLiteral!++;
    }
    hosts.push(host);
  }
  const urls = hosts.map((h, i) => `${i % 4 ? 'https' : 'http'}://${h}/path/${i}?q=${i}`);
  return { rules, patterns, hosts, urls, mix };
}
