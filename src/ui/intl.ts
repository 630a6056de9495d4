/**
 * Numbers, dates and plural forms in the UI's language, through Intl: never the page's default
 * locale. The language is the one whose _locales catalogue the browser picked (its `uiLanguage`
 * entry): Chromium's getUILanguage and @@ui_locale can say en-US while the strings are German
 * (test/e2e/languages.e2e.ts).
 */
import { ext } from './ext';

export function uiLanguage(): string {
  try {
    const picked = ext?.i18n.getMessage('uiLanguage');
    return picked || ext?.i18n.getUILanguage?.() || 'en';
  } catch {
    return 'en';
  }
}

/** Writing direction of a language: right-to-left for Arabic, Hebrew, Persian, Urdu… */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur|ps|yi|dv|ckb)\b/i.test(language) ? 'rtl' : 'ltr';
}

export const formatTime = (ms: number, language = uiLanguage()) =>
  new Date(ms).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });

export const formatDate = (ms: number, language = uiLanguage()) =>
  new Date(ms).toLocaleDateString(language, { year: 'numeric', month: 'long', day: 'numeric' });

export const formatNumber = (n: number, language = uiLanguage()) => new Intl.NumberFormat(language).format(n);

/** A country (`region`: JP) or language (`language`: ja) named in the UI's language; the code if unknown. */
export const nameOf = (type: 'region' | 'language', code: string, language = uiLanguage()) =>
  new Intl.DisplayNames(language, { type }).of(code) ?? code;

/** The CLDR plural category of n in the UI's language: one, few, many, other… */
export const pluralOf = (n: number, language = uiLanguage()) => new Intl.PluralRules(language).select(n);
