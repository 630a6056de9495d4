/** The captive-portal pause in the routing table: direct until its end, protected after, by itself. */
import { describe, expect, it } from 'vitest';
import { loadPac } from '../../test/unit/pac-sandbox';
import { parseBypassEntry } from './bypass-rules';
import { toFirefoxAnswer } from './firefox-proxy-answer';
import { generatePac, pacCodePart, PAC_SKELETON } from './pac-script';
import { compileRouting, decide, RoutingInputError, type RoutingInput } from './routing';

const rule = (text: string) => {
  const parsed = parseBypassEntry(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rule;
};
const input = (patch: Partial<RoutingInput> = {}): RoutingInput => ({
  entries: [{ rule: rule('bank.test') }],
  mode: 'exclude',
  bypassLocal: false,
  defaultRegionId: 'de',
  regions: { de: [{ id: 'a', host: 'de1.proxy.test', port: 443, scheme: 'https' }] },
  alwaysDirect: ['account.test'],
  ...patch,
});

describe('a paused routing table', () => {
  const now = 1_800_000_000_000;
  const table = compileRouting(input({ pausedUntil: now + 300_000 }));

  it('sends every host direct before the pause ends, and routes as usual from then on', () => {
    expect(decide(table, 'news.test', 443, now)).toEqual({ type: 'direct' });
    expect(decide(table, 'news.test', 443, now + 299_999)).toEqual({ type: 'direct' });
    expect(decide(table, 'news.test', 443, now + 300_000)).toMatchObject({ type: 'proxy', regionId: 'de' });
    expect(decide(table, 'bank.test', 443, now + 300_000)).toEqual({ type: 'direct' });
    expect(toFirefoxAnswer(decide(table, 'news.test', 443, now + 400_000)).at(-1)).toBeNull();
  });

  it('ends in the PAC script by the clock alone, with the same code part as every other script', () => {
    const live = Date.now();
    const paused = loadPac(generatePac(compileRouting(input({ pausedUntil: live + 60_000 }))));
    const over = loadPac(generatePac(compileRouting(input({ pausedUntil: live - 1 }))));
    expect(paused.findProxyForURL('https://news.test/', 'news.test')).toBe('DIRECT');
    expect(over.findProxyForURL('https://news.test/', 'news.test')).toBe('HTTPS de1.proxy.test:443');
    expect(pacCodePart(generatePac(table))).toBe(PAC_SKELETON);
  });

  it('refuses a pause end that is not a time', () => {
    for (const bad of [Number.NaN, -1, 1.5, Infinity, '1800000000000', null]) {
      expect(() => compileRouting(input({ pausedUntil: bad as never }))).toThrow(RoutingInputError);
    }
  });

  it('without a pause, nothing about time enters the table', () => {
    expect(compileRouting(input())).not.toHaveProperty('pausedUntil');
  });
});
