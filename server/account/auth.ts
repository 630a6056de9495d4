/** Bearer-token authentication: the token is hashed and looked up; expired sessions are deleted. */
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';
import type { AccountStore, SessionRow } from './store.ts';
import { hashToken } from './tokens.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

export function unauthorized(): ApiError {
  return new ApiError(401, 'unauthorized', 'Sign in again: the session is missing, unknown or expired', {
    'www-authenticate': 'Bearer',
  });
}

/** The caller's live session, or throws 401 `unauthorized`. */
export async function authenticate(
  store: AccountStore,
  request: FastifyRequest,
  now = Date.now(),
): Promise<SessionRow> {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (!match?.[1]) throw unauthorized();
  const session = await store.findSessionByTokenHash(hashToken(match[1]));
  if (!session) throw unauthorized();
  if (session.expires_at <= now) {
    await store.deleteSession(session.id);
    throw unauthorized();
  }
  return session;
}
