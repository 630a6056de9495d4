/**
 * Whether the browser's clock clearly gives away that the user is not where the VPN region puts
 * them: sites read the time zone (Intl, Date) as easily as the address. Zone VPN does not spoof it
 * (detectable, and it breaks sites); the popup says it once, with what it means. "Clearly": the
 * browser's UTC offset is 3 hours or more from the standard offset of every time zone of the
 * region's country, so neither daylight saving time (1 hour), a neighbour (Paris in Germany) nor a
 * country's other zones (Chicago in the US) count. Pure, in shared/: the popup computes it.
 */

/**
 * Region country (ISO 3166-1) -> the standard UTC offsets (hours) of its time zones; offsets, not
 * zone names, to keep the popup small (bench: bundle). A country not listed gets no hint.
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
