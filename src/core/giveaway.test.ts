import { describe, expect, it } from 'vitest';
import { clockGivesAway, countriesWithOffsets, foreignLanguage, giveawayOf, offsetsOf } from './giveaway';

const BERLIN_WINTER = 60;
const BERLIN_SUMMER = 120;

describe('the browser clock against the region', () => {
  it('a Berlin clock while the region is Japan gives the user away, in winter and in summer', () => {
    expect(clockGivesAway('JP', BERLIN_WINTER)).toBe(true);
    expect(clockGivesAway('JP', BERLIN_SUMMER)).toBe(true);
  });

  it("the country's own zones, daylight saving time and neighbours do not", () => {
    expect(clockGivesAway('JP', 9 * 60)).toBe(false);
    expect(clockGivesAway('DE', BERLIN_SUMMER)).toBe(false);
    expect(clockGivesAway('DE', 0)).toBe(false); // London in winter
    expect(clockGivesAway('US', -5 * 60)).toBe(false); // Chicago in summer
    expect(clockGivesAway('US', -7 * 60)).toBe(false); // Phoenix
    expect(clockGivesAway('GB', 2 * 60)).toBe(false); // Helsinki in winter
    expect(clockGivesAway('AE', 5.5 * 60)).toBe(false); // India
  });

  it('a clock far from every zone of a large country does', () => {
    expect(clockGivesAway('US', BERLIN_SUMMER)).toBe(true);
    expect(clockGivesAway('DE', -4 * 60)).toBe(true); // New York in summer
    expect(clockGivesAway('AU', 0)).toBe(true);
  });

  it('says nothing for a country without a table row', () => {
    expect(offsetsOf('XX')).toEqual([]);
    expect(clockGivesAway('XX', BERLIN_WINTER)).toBe(false);
  });

  it('every row is a country code and offsets a clock can have (-12 to +14 hours)', () => {
    expect(countriesWithOffsets().length).toBeGreaterThan(30);
    for (const country of countriesWithOffsets()) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      const offsets = offsetsOf(country);
      expect(offsets.length, country).toBeGreaterThan(0);
      for (const o of offsets) expect(o >= -12 * 60 && o <= 14 * 60 && Number.isInteger(o), country).toBe(true);
    }
    expect(offsetsOf('IN')).toEqual([330]);
  });
});

describe('the browser language against the region', () => {
  it("a language that is not the country's gives the user away", () => {
    expect(foreignLanguage('JP', 'de-DE')).toBe('de');
    expect(foreignLanguage('DE', 'ja')).toBe('ja');
    expect(foreignLanguage('BR', 'es-419')).toBe('es');
  });

  it("the country's own languages, their regional forms and English do not", () => {
    expect(foreignLanguage('DE', 'de-AT')).toBeNull();
    expect(foreignLanguage('BR', 'pt-PT')).toBeNull();
    expect(foreignLanguage('CH', 'fr-CH')).toBeNull(); // a country's other languages
    expect(foreignLanguage('CA', 'fr')).toBeNull();
    expect(foreignLanguage('JP', 'en-GB')).toBeNull(); // English is used everywhere
  });
});

describe('what the popup points out', () => {
  const berlin = { zone: 'Europe/Berlin', offset: 60, language: 'de-DE' };
  it('the clock first, then the language, else nothing', () => {
    expect(giveawayOf('JP', berlin)).toEqual({ kind: 'clock', zone: 'Europe/Berlin' });
    expect(giveawayOf('FR', berlin)).toEqual({ kind: 'language', language: 'de' });
    expect(giveawayOf('DE', berlin)).toBeNull();
    expect(giveawayOf('CH', berlin)).toBeNull();
  });
});
