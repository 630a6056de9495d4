/**
 * CORS for browser-extension origins only (chrome-extension://, moz-extension://), in case the
 * extension calls the API without a host permission. Auth is a bearer header, never a cookie, so
 * reflecting these origins grants nothing a page could abuse; web origins get no CORS headers.
 */
import type { FastifyInstance } from 'fastify';

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]{1,64}$/;

export function installExtensionCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !EXTENSION_ORIGIN.test(origin)) return;
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    void reply.header('access-control-expose-headers', 'Retry-After');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      await reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, DELETE')
        .header('access-control-allow-headers', 'Authorization, Content-Type')
        .header('access-control-max-age', '600')
        .send();
    }
  });
}
