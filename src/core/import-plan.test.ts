import { describe, expect, it } from 'vitest';
import { planImport } from './import-plan';

const LIST = [{ pattern: 'bank.test' }, { pattern: 'mail.test', regionId: 'de-fra' }];
const REGIONS = ['de-fra', 'jp-tyo'];

describe('planning an import of the bypass list as text', () => {
  it('an export imports back as "nothing to change"', () => {
    const plan = planImport('# Zone VPN bypass list\nbank.test\nmail.test de-fra\n', LIST, REGIONS);
    expect(plan).toEqual({ add: [], update: [], unchanged: 2, refused: [] });
  });

  it('plans additions, region changes and refusals with line numbers before anything changes', () => {
    const text = [
      '# my list',
      'https://Shop.TEST/cart',
      'mail.test jp-tyo',
      '',
      'bank.test',
      '"evil.test"',
      'video.test xx-nowhere',
      'a.test de-fra extra',
      'shop.test',
    ].join('\n');
    const plan = planImport(text, LIST, REGIONS);
    expect(plan.add).toEqual([{ pattern: 'shop.test' }]);
    expect(plan.update).toEqual([{ pattern: 'mail.test', regionId: 'jp-tyo' }]);
    expect(plan.unchanged).toBe(1);
    expect(plan.refused.map((r) => [r.line, r.code, r.detail])).toEqual([
      [6, 'invalid', expect.stringContaining('Quotes')],
      [7, 'unknownRegion', 'xx-nowhere'],
      [8, 'tooManyWords', ''],
      [9, 'repeats', '2'],
    ]);
  });

  it('a file of garbage adds nothing and explains every line', () => {
    const plan = planImport('\u0000\u0001\n<html>\n* \n', LIST, REGIONS);
    expect(plan.add).toHaveLength(0);
    expect(plan.refused).toHaveLength(3);
  });
});
