// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../test/fixtures/view-states';
import { exportText, planImport } from './bypass-text';

const LIST = [{ pattern: 'bank.test' }, { pattern: 'mail.test', regionId: 'de-fra' }];

describe('bypass list as text', () => {
  it('an export imports back as "nothing to change"', () => {
    const plan = planImport(exportText(LIST), LIST, REGIONS);
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
    expect(plan.refused.map((r) => [r.line, r.reason])).toEqual([
      [6, expect.stringContaining('Quotes')],
      [7, 'There is no region "xx-nowhere".'],
      [8, 'Only an entry and a region id may be on a line.'],
      [9, 'Repeats line 2.'],
    ]);
  });

  it('a file of garbage adds nothing and explains every line', () => {
    const plan = planImport('\u0000\u0001\n<html>\n* \n', LIST, REGIONS);
    expect(plan.add).toHaveLength(0);
    expect(plan.refused).toHaveLength(3);
  });
});
