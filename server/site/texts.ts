/**
 * Which locale a page is in, and how components reach its texts: sendPage (server/site/render.ts)
 * provides the request's texts through a preact context, so no component threads them by hand.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FastifyRequest } from 'fastify';
import { en } from './locales/en.ts';
import type { SiteTexts } from './locales/en.ts';

export const TextsContext = createContext<SiteTexts>(en);

export function useTexts(): SiteTexts {
  return useContext(TextsContext);
}

/** The texts for this request. */
export function textsFor(_request: FastifyRequest): SiteTexts {
  return en;
}
