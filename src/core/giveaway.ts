import type { Giveaway } from '../shared/view-state';

/**
 * Whether the browser's clock clearly gives away that the user is not where the VPN region puts
 * them: sites read the time zone (Intl, Date) as easily as the address. Zone VPN does not spoof it
 * (detectable, and it breaks sites); the popup says it once, with what it means. "Clearly": the
 * browser's UTC offset is 3 hours or more from the standard offset of every time zone of the
 * region's country, so neither daylight saving time (1 hour), a neighbour (Paris in Germany) nor a
 * country's other zones (Chicago in the US) count. Pure; the background puts the result in the view
 state (src/background/view-of-state.ts), so the popup ships none of these tables.
 */

/**
 * Region country (ISO 3166-1) -> the standard UTC offsets (hours) of its time zones. A country not
 * listed gets no hint.
 */
const OFFSETS =
  'AE4|AR-3|AT1|AU8,9.5,10|BE1|BG2|BR-5,-4,-3|CA-8,-7,-6,-5,-4,-3.5|CH1|CL-4|CZ1|DE1|DK1|ES0,1|FI2|FR1|' +
  'GB0|HK8|HU1|IE0|IL2|IN5.5|IT1|JP9|KR9|MX-8,-7,-6,-5|NL1|NO1|NZ12|PL1|PT-1,0|RO2|SE1|SG8|TR3|TW8|UA2|' +
  'US-10,-9,-8,-7,-6,-5|ZA2';

const CLEAR_MINUTES = 180;

/** The standard offsets of `country` in minutes; empty for a country not in the table. */
export function offsetsOf(country: string): number[] {
  const row = OFFSETS.split('|').find((r) => r.slice(0, 2) === country);
  return row
    ? row
        .slice(2)
        .split(',')
        .map((h) => Number(h) * 60)
    : [];
}

export const countriesWithOffsets = () => OFFSETS.split('|').map((row) => row.slice(0, 2));

/** `browserOffset`: minutes east of UTC now (-Date#getTimezoneOffset()). False when unsure. */
export function clockGivesAway(country: string, browserOffset: number): boolean {
  const theirs = offsetsOf(country);
  return theirs.length > 0 && theirs.every((o) => Math.abs(o - browserOffset) >= CLEAR_MINUTES);
}

/**
 * Languages also at home in a country besides its most likely one (which Intl.Locale knows:
 * `und-JP` maximizes to `ja`), so a French-speaking Swiss user is not told off. Short on purpose.
 */
const ALSO_SPOKEN = 'BE fr,de|CA fr|CH fr,it|ES ca,eu,gl|FI sv|IE ga|IL ar|IN en|SG zh,ms|UA ru|ZA af,zu,xh';

/**
 * The browser's language (primary subtag) when it clearly gives away that the user is not from the
 * region's country (sites read Accept-Language and navigator.language): neither the country's
 * likely language nor one listed above; else null. English counts nowhere: it is used everywhere.
 * `country` is a validated ISO code (core/account-schemas.ts), `browserLanguage` the browser's own tag.
 */
export function foreignLanguage(country: string, browserLanguage: string): string | null {
  const language = new Intl.Locale(browserLanguage).language;
  const row = ALSO_SPOKEN.split('|').find((r) => r.slice(0, 2) === country) ?? '';
  const home = [new Intl.Locale(`und-${country}`).maximize().language, ...row.slice(3).split(',')];
  return language === 'en' || home.includes(language) ? null : language;
}

/** What the browser tells every site about where the user is, read by the background. */
export interface BrowserLocale {
  /** IANA time zone name, e.g. Europe/Berlin. */
  zone: string;
  /** Minutes east of UTC now (-Date#getTimezoneOffset()). */
  offset: number;
  /** navigator.language, e.g. de-DE. */
  language: string;
}

/** This context's time zone and language: a background's are the browser's (Node has no navigator.language before v21). */
export function browserLocale(): BrowserLocale {
  return {
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    offset: -new Date().getTimezoneOffset(),
    language: (globalThis as { navigator?: { language?: string } }).navigator?.language ?? 'en',
  };
}

/** The one thing the popup points out, the clock first (it is the stronger signal); null: nothing clear. */
export function giveawayOf(country: string, locale: BrowserLocale): Giveaway | null {
  if (clockGivesAway(country, locale.offset)) return { kind: 'clock', zone: locale.zone };
  const language = foreignLanguage(country, locale.language);
  return language ? { kind: 'language', language } : null;
}
