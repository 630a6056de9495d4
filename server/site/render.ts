/** Renders a page to a complete HTML document and sends it with the site's headers. */
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export function sendPage(reply: FastifyReply, status: number, page: VNode<any>): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>\n${renderToString(page)}`);
}
