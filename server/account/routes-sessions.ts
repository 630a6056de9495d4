/**
 * Sign-in and sign-out. An unknown email and a wrong password get the same answer after the same
 * KDF work; attempts are counted per email and per client address in the database, shared by all nodes
 * (server/account/rate-limit.ts).
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { authenticate } from './auth.ts';
import type { AccountContext } from './context.ts';
import { ApiError } from './errors.ts';
import { verifyPassword } from './passwords.ts';
import { RateLimiter } from './rate-limit.ts';
import { hashToken, newPublicId, newToken } from './tokens.ts';

const LoginBody = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email()),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
});

export function sessionRoutes(app: FastifyInstance, ctx: AccountContext): void {
  const limiter = new RateLimiter(ctx.store, ctx.loginRateLimit, ctx.rateLimitKey);

  app.post('/v1/sessions', async (request, reply) => {
    const body = v.safeParse(LoginBody, request.body);
    if (!body.success) {
      throw new ApiError(400, 'invalid_request', 'Send {"email": string, "password": string}');
    }
    const { email, password } = body.output;
    const retryAfter = await limiter.hit([`email:${email}`, `addr:${request.ip}`]);
    if (retryAfter > 0) {
      throw new ApiError(429, 'rate_limited', `Too many sign-in attempts; retry in ${retryAfter} s`, {
        'retry-after': String(retryAfter),
      });
    }
    const user = await ctx.store.findUserByEmail(email);
    const ok = user
      ? await verifyPassword(password, user.password_hash)
      : await ctx.passwords.verifyAgainstDummy(password);
    // An account whose email is not approved yet (server/site/signup.ts) gets the wrong-password answer.
    if (!user || !ok || user.approved !== 1)
      throw new ApiError(401, 'bad_credentials', 'The email or the password is wrong');

    const now = Date.now();
    await ctx.store.deleteExpiredSessions(now);
    const token = newToken();
    const expiresAt = now + ctx.sessionTtlMs;
    await ctx.store.createSession({
      id: newPublicId(),
      token_hash: hashToken(token),
      user_id: user.id,
      expires_at: expiresAt,
    });
    return reply.code(201).send({ token, expiresAt });
  });

  app.delete('/v1/sessions/current', async (request, reply) => {
    const session = await authenticate(ctx.store, request);
    // Tokens already issued cannot be recalled (they are unlinkable by design); they end with
    // their epoch, and the extension discards its own at once (docs/security.md).
    await ctx.store.deleteSession(session.id);
    return reply.code(204).send();
  });
}
