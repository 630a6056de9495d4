/** Renders a page, in the request's locale, to a complete HTML document and sends it with the site's headers. */
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { MessagePage } from './pages.tsx';
import type { LinkKey, MessageKey } from './pages.tsx';
import { LocaleContext, localeFor } from './texts.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export function sendPage(reply: FastifyReply, status: number, page: VNode<any>): FastifyReply {
  const html = renderToString(h(LocaleContext.Provider, { value: localeFor(reply.request) }, page));
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>\n${html}`);
}

/** A page that only says the message `message` (server/site/locales/), with an optional link onwards. */
export function sendMessage(
  reply: FastifyReply,
  status: number,
  message: MessageKey,
  options: { link?: LinkKey; values?: Record<string, string | number> } = {},
): FastifyReply {
  return sendPage(reply, status, h(MessagePage, { message, ...options }));
}

/** A 303 to a site path, keeping a `?lang=` the request chose. */
export function seeOther(reply: FastifyReply, path: string): FastifyReply {
  return reply.redirect(localeFor(reply.request).href(path), 303);
}

/** The 429 page of a rate limit, with Retry-After. */
export function slowDown(reply: FastifyReply, retryAfter: number): FastifyReply {
  void reply.header('retry-after', String(retryAfter));
  return sendMessage(reply, 429, 'slowDown', { values: { seconds: retryAfter } });
}
