/**
 * Seeded random routing inputs and requests for the agreement fuzz. Names and addresses come from
 * small pools so that rules and hosts collide often (suffix matches, label boundaries, shared
 * networks, ports), which is where the matchers could disagree.
 */
import { parseBypassEntry } from '../../src/core/bypass-rules';
import type { RoutingInput } from '../../src/core/routing';
import { SERVERS_BY_REGION } from '../support/regions';
import type { Random } from './seeded-random';

const LABELS = [
  'a',
  'www',
  'mail',
  'bank',
  'evil',
  'example',
  'notexample',
  'localhost',
  'local',
  'evil-localhost',
  'x_y',
  'xn--80ak6aa92e',
  '0a',
  'sub',
  'printer',
];
const TLDS = ['com', 'test', 'co.uk', 'org', 'local', 'localhost', 'io'];
const V4_BASES = [[10], [172, 16], [172, 31], [192, 168], [203, 0, 113], [100, 64], [127], [169, 254], [8, 8]];
const V6_BASES = [['fd00'], ['fd12'], ['fe80'], ['2001', 'db8'], ['fc00'], ['2001', 'db9'], ['0']];
const PORTS = [80, 443, 8443, 8080];
const REGION_IDS = ['de', 'jp', 'empty', 'missing'];

export function randomName(r: Random, maxLabels = 2): string {
  const labels = Array.from({ length: r.int(maxLabels + 1) }, () => r.pick(LABELS));
  return [...labels, r.pick(TLDS)].join('.');
}

export function randomIPv4(r: Random): string {
  const base = r.pick(V4_BASES);
  const octets = [...base];
  while (octets.length < 4) octets.push(r.pick([0, 1, 2, 7, 128, 255]));
  return octets.join('.');
}

export function randomIPv6(r: Random): string {
  const groups = [...r.pick(V6_BASES)];
  while (groups.length < 8) groups.push(r.pick(['0', '0', '1', 'a', 'ffff', '8000']));
  const full = groups.join(':');
  return r.chance(0.5) ? full : new URL(`http://[${full}]/`).hostname.slice(1, -1);
}

function randomEntryText(r: Random): string {
  const port = r.chance(0.25) ? `:${r.pick([80, 443, 8443])}` : '';
  switch (r.int(7)) {
    case 0:
    case 1:
      return randomName(r) + port;
    case 2:
      return `*.${randomName(r)}${port}`;
    case 3:
      return `=${randomName(r)}${port}`;
    case 4:
      return `${randomIPv4(r)}/${r.pick([8, 12, 16, 24, 28, 31, 32])}${port}`;
    case 5:
      return port
        ? `[${randomIPv6(r)}]/${r.pick([7, 10, 16, 32, 64, 127, 128])}${port}`
        : `${randomIPv6(r)}/${r.pick([7, 10, 16, 32, 64, 127, 128])}`;
    default:
      return randomIPv4(r) + port;
  }
}

export function randomInput(r: Random): RoutingInput {
  const entries: RoutingInput['entries'] = [];
  const count = r.int(40);
  for (let i = 0; i < count; i++) {
    const parsed = parseBypassEntry(randomEntryText(r));
    if (!parsed.ok) continue;
    entries.push(r.chance(0.6) ? { rule: parsed.rule } : { rule: parsed.rule, regionId: r.pick(REGION_IDS) });
  }
  return {
    entries,
    mode: r.chance(0.5) ? 'exclude' : 'include',
    bypassLocal: r.chance(0.5),
    defaultRegionId: r.pick(['de', 'de', 'jp', 'empty', 'missing']),
    regions: SERVERS_BY_REGION,
    alwaysDirect: r.chance(0.7) ? ['account.test:443', '127.0.0.1:8787', 'api.example.com'] : [],
    failOpen: r.chance(0.2),
  };
}

export interface FuzzRequest {
  url: string;
  host: string;
  port: number;
}

export function randomRequest(r: Random, input: RoutingInput): FuzzRequest {
  let host: string;
  const rule = input.entries.length && r.chance(0.6) ? r.pick(input.entries).rule : null;
  if (rule && (rule.kind === 'ip' || rule.kind === 'cidr')) {
    host = rule.family === 4 ? randomIPv4(r) : randomIPv6(r);
    if (r.chance(0.3)) host = rule.address;
  } else if (rule) {
    const prefix = Array.from({ length: r.int(3) }, () => r.pick(LABELS));
    host = [...prefix, rule.host].join('.');
  } else {
    host = r.pick([
      () => randomName(r, 3),
      () => randomIPv4(r),
      () => randomIPv6(r),
      () =>
        r.pick([
          'localhost',
          'printer',
          'local',
          'account.test',
          'api.example.com',
          'evil-localhost.com',
          '127.0.0.1',
          '::1',
          'x.account.test',
          'notexample.com',
          '',
        ]),
    ])();
  }
  const isV6 = host.includes(':');
  if (r.chance(0.1)) host = host.toUpperCase();
  if (!isV6 && host && r.chance(0.1)) host += '.';
  const scheme = r.pick(['http', 'https', 'ws', 'wss']);
  const explicit = r.chance(0.4) ? r.pick(PORTS) : null;
  const port = explicit ?? (scheme === 'http' || scheme === 'ws' ? 80 : 443);
  const urlHost = isV6 ? `[${host}]` : host;
  const url = `${scheme}://${urlHost}${explicit === null ? '' : `:${explicit}`}/p/${r.pick(LABELS)}.test?u=://bank.test:1/#x`;
  const pacHost = isV6 && r.chance(0.5) ? `[${host}]` : host;
  return { url, host: pacHost, port };
}
