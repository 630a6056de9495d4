/**
 * Which locale a page is in, and how components reach its texts: sendPage (server/site/render.ts)
 * provides the request's locale through a preact context, so no component threads it by hand.
 * The locale is `?lang=` when it names one (the page's links and forms then keep it), else the
 * best of `Accept-Language`, else English.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FastifyRequest } from 'fastify';
import { de } from './locales/de.ts';
import { en } from './locales/en.ts';
import type { SiteTexts } from './locales/en.ts';

export const LOCALES: Readonly<Record<string, SiteTexts>> = { en, de };

export interface Locale {
  texts: SiteTexts;
  /** A site path for this page's links and forms: with `?lang=` when the request chose it so. */
  href(path: string): string;
}

const ENGLISH: Locale = { texts: en, href: (path) => path };

export const LocaleContext = createContext<Locale>(ENGLISH);

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useTexts(): SiteTexts {
  return useContext(LocaleContext).texts;
}

/** `{name}` in `text` replaced by `values[name]`. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The supported locale `Accept-Language` ranks highest (q-values honoured; `de-AT` counts as `de`). */
export function fromAcceptLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { lang: range.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ lang, q }) => Object.hasOwn(LOCALES, lang) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang;
}

export function localeFor(request: FastifyRequest): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.['lang'];
  if (typeof query === 'string' && Object.hasOwn(LOCALES, query)) {
    return {
      texts: LOCALES[query]!,
      href: (path) => `${path}${path.includes('?') ? '&' : '?'}lang=${query}`,
    };
  }
  const lang = fromAcceptLanguage(request.headers['accept-language']);
  return lang ? { texts: LOCALES[lang]!, href: (path) => path } : ENGLISH;
}
