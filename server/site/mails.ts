/**
 * The site's mails, in the locale of the request that caused them (server/site/locales/): plain
 * text with only what they must hold, a link and what it does. No name, no address but the
 * recipient's, no tracking.
 */
import type { FastifyRequest } from 'fastify';
import type { Mail } from '../mail/mailer.ts';
import type { SiteTexts } from './locales/en.ts';
import { fill, localeFor } from './texts.ts';

export type MailKind = keyof SiteTexts['mails'];

/** The mail `kind` to `to` with `link` (an absolute URL on the site), in the request's language. */
export function siteMail(request: FastifyRequest, kind: MailKind, to: string, link: string): Mail {
  const { subject, text } = localeFor(request).texts.mails[kind];
  return { to, subject, text: fill(text, { link }) };
}
