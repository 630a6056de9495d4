/**
 * Every error answer is `{ "error": { "code", "message" } }`. Framework errors (bad JSON, wrong
 * content type, body too large) map to `invalid_request` with a fixed message, so nothing the
 * client sent (a password inside malformed JSON, say) is echoed back; nothing is logged.
 */
import type { FastifyInstance } from 'fastify';

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
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      void reply.code(status).send(errorBody('invalid_request', FRAMEWORK_MESSAGES[status] ?? 'Invalid request'));
      return;
    }
    void reply.code(500).send(errorBody('internal_error', 'Internal error'));
  });
}
