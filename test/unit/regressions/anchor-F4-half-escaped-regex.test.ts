// F4 (Proton matchDomainList.ts:16, `domain.replace('.', '\\.')` escapes only the first dot): an
// entry's dots must all be literal, and no pattern syntax from user input may widen a rule.
import { describe, expect, it } from 'vitest';
import { parseBypassEntry } from '../../../src/core/bypass-rules';
import { compileRouting } from '../../../src/core/routing';
import { input, route } from '../routing-fixtures';

describe('anchor F4: no regex from user input', () => {
  const table = compileRouting(input(['foo.bar.com', '*.wild.test']));
  for (const host of ['fooxbar.com', 'foo.barxcom', 'x.foo-bar.com', 'foo.bar-com', 'wild.test.evil', 'xwild.test']) {
    it(`${host} is not matched by a rule whose dots became wildcards`, () => expect(route(table, host)).toBe('de'));
  }
  it('the entries themselves still match', () => {
    expect(route(table, 'foo.bar.com')).toBe('direct');
    expect(route(table, 'a.wild.test')).toBe('direct');
  });
  for (const text of ['.*', 'a.*', '(a|b).com', 'a[b].com', '^bank.test$', 'bank.test\\']) {
    it(`regex syntax ${JSON.stringify(text)} is refused as an entry`, () =>
      expect(parseBypassEntry(text).ok).toBe(false));
  }
});
