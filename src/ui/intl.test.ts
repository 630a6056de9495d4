import { describe, expect, it } from 'vitest';
import { directionOf, formatDate, formatNumber, pluralOf } from './intl';

describe('numbers, dates and plurals in the UI language', () => {
  it('plural categories come from Intl.PluralRules, per language', () => {
    expect([pluralOf(1, 'en'), pluralOf(2, 'en')]).toEqual(['one', 'other']);
    expect(pluralOf(1, 'ja')).toBe('other');
    expect(pluralOf(0, 'fr')).toBe('one');
    expect(pluralOf(1_000_000, 'es')).toBe('many');
  });

  it('numbers and dates are written as the language writes them', () => {
    expect(formatNumber(10000, 'de')).toBe('10.000');
    expect(formatNumber(10000, 'en')).toBe('10,000');
    expect(formatDate(Date.UTC(2031, 0, 15, 12), 'de')).toBe('15. Januar 2031');
  });

  it('right-to-left only for right-to-left languages', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('he-IL')).toBe('rtl');
    expect(['en', 'de', 'ja', 'pt-BR'].map((l) => directionOf(l))).toEqual(['ltr', 'ltr', 'ltr', 'ltr']);
  });
});
