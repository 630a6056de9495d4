import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import type { ErrorCode } from '../shared/errors';
import { LOCAL_KEYS, SESSION_KEYS } from '../shared/storage-keys';

type Catalogue = Record<string, { message: string; placeholders?: object }>;

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

// Every folder in public/_locales: a new language is checked the moment it is added.
const DIR = new URL('../../public/_locales/', import.meta.url);
const LOCALES: [string, Catalogue][] = readdirSync(DIR).map((lang) => [
  lang,
  JSON.parse(readFileSync(new URL(`${lang}/messages.json`, DIR), 'utf8')) as Catalogue,
]);
const others = LOCALES.filter(([lang]) => lang !== 'en');

describe('UI strings', () => {
  it('there is more than English', () => {
    expect(others.length).toBeGreaterThan(0);
  });

  it.each(others)('%s has exactly the English keys', (_, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(CODES))('error %s has a title and a fix in every language', (code) => {
    for (const [, catalogue] of LOCALES) {
      expect(catalogue[`error_${code}`]?.message).toBeTruthy();
      expect(catalogue[`fix_${code}`]?.message).toBeTruthy();
    }
  });

  it.each([...Object.keys(LOCAL_KEYS), ...Object.keys(SESSION_KEYS)])(
    'stored key %s says what it holds in every language (the privacy panel)',
    (key) => {
      for (const [, catalogue] of LOCALES) expect(catalogue[`stored_${key}`]?.message).toBeTruthy();
    },
  );

  it.each(others)('%s placeholders match the English ones', (_, catalogue) => {
    const names = (m: { placeholders?: object } | undefined) => Object.keys(m?.placeholders ?? {}).sort();
    for (const [key, message] of Object.entries(en as Catalogue)) {
      expect(names(catalogue[key]), key).toEqual(names(message));
    }
  });
});
