/** Renders a page, in the request's locale, to a complete HTML document and sends it with the site's headers. */
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { MessagePage } from './pages.tsx';
import { TextsContext, textsFor } from './texts.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export function sendPage(reply: FastifyReply, status: number, page: VNode<any>): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>\n${renderToString(h(TextsContext.Provider, { value: textsFor(reply.request) }, page))}`);
}

/** The 429 page of a rate limit, with Retry-After. */
export function slowDown(reply: FastifyReply, retryAfter: number): FastifyReply {
  void reply.header('retry-after', String(retryAfter));
  const text = `Too many attempts from here or for this address; try again in ${retryAfter} seconds.`;
  return sendPage(reply, 429, h(MessagePage, { title: 'Slow down', text }));
}
