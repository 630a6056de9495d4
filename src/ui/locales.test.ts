import { describe, expect, it } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { ErrorCode } from '../shared/errors';

// Every code of shared/errors.ts; the Record makes a new code a compile error here until it is listed.
const CODES: Record<ErrorCode, true> = {
  badCredentials: true,
  rateLimited: true,
  serviceDown: true,
  serviceUnavailable: true,
  timeout: true,
  badAnswer: true,
  sessionExpired: true,
  notSignedIn: true,
  unknownRegion: true,
  serversDown: true,
  proxyControlledByOther: true,
  invalidInput: true,
  internal: true,
  noTokenIssuer: true,
  badIssuer: true,
  tokenRefused: true,
};

describe('UI strings', () => {
  it('English and German have the same keys', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(CODES))('error %s has a title and a fix in both languages', (code) => {
    for (const catalogue of [en, de] as Record<string, { message: string }>[]) {
      expect(catalogue[`error_${code}`]?.message).toBeTruthy();
      expect(catalogue[`fix_${code}`]?.message).toBeTruthy();
    }
  });

  it('German placeholders match the English ones', () => {
    const names = (m: { placeholders?: object }) => Object.keys(m.placeholders ?? {}).sort();
    for (const [key, message] of Object.entries(en as Record<string, { placeholders?: object }>)) {
      expect(names((de as Record<string, object>)[key]!), key).toEqual(names(message));
    }
  });
});
