/**
 * Every error answer is `{ "error": { "code", "message" } }`. Framework errors (bad JSON, wrong
 * content type, body too large) map to `invalid_request` with a fixed message, so nothing the
 * client sent (a password inside malformed JSON, say) is echoed back; nothing is logged. The
 * database being away (PostgreSQL stopped or restarting) is 503 `service_unavailable` with
 * Retry-After, never a 500 with its details; the pg pool reconnects by itself when it returns.
 */
import type { FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from './db/unavailable.ts';

/** Seconds a client waits before trying again while the database is away. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

const FRAMEWORK_MESSAGES: Readonly<Record<number, string>> = {
  400: 'The request is malformed',
  413: 'The request body is too large',
  415: 'The request body must be JSON (Content-Type: application/json)',
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(errorBody('not_found', 'No such endpoint'));
  });
  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof ApiError) {
      void reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message));
      return;
    }
    if (isDatabaseUnavailable(error)) {
      void reply
        .code(503)
        .header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S))
        .send(errorBody('service_unavailable', 'The service is unavailable; try again shortly'));
      return;
    }
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      void reply.code(status).send(errorBody('invalid_request', FRAMEWORK_MESSAGES[status] ?? 'Invalid request'));
      return;
    }
    void reply.code(500).send(errorBody('internal_error', 'Internal error'));
  });
}
