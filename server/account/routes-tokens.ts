/**
 * Token issuance (docs/api.md): the unauthenticated issuer directory (RFC 9578 section 4) and
 * `POST /v1/tokens`, which blind-signs a signed-in user's token requests. What this route learns is
 * the account and how many requests it sent in this epoch: the requests are blinded, so it never
 * learns the tokens, their epoch or their region. Per account and epoch at most `tokensPerEpoch`
 * are signed (a counter that is deleted once its epoch is over).
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { DIRECTORY_PATH, ISSUANCE_PATH, IssuanceError } from '../tokens/issuer.ts';
import { epochAt } from '../tokens/token-format.ts';
import { authenticate, unauthorized } from './auth.ts';
import type { AccountContext } from './context.ts';
import { ApiError } from './errors.ts';

/** The most requests one call may carry. */
export const MAX_REQUESTS_PER_CALL = 16;

const IssueBody = v.object({
  tokenRequests: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(400))),
    v.minLength(1),
    v.maxLength(MAX_REQUESTS_PER_CALL),
  ),
});

export function tokenRoutes(app: FastifyInstance, ctx: AccountContext): void {
  app.get(DIRECTORY_PATH, async (_request, reply) => {
    // RFC 9578's media type; fastify serializes objects only for JSON types, so send the text.
    return reply
      .type('application/private-token-issuer-directory')
      .send(JSON.stringify(ctx.issuer.directory(Date.now())));
  });

  app.post(ISSUANCE_PATH, async (request) => {
    const now = Date.now();
    const session = await authenticate(ctx.store, request, now);
    const body = v.safeParse(IssueBody, request.body);
    if (!body.success) {
      throw new ApiError(
        400,
        'invalid_request',
        `Send {"tokenRequests": [base64url, ...]} (1 to ${MAX_REQUESTS_PER_CALL})`,
      );
    }
    const user = await ctx.store.getUser(session.user_id);
    if (!user) throw unauthorized();
    if (user.plan_expires_at !== null && user.plan_expires_at <= now) {
      throw new ApiError(403, 'plan_expired', 'The plan of this account has expired');
    }
    const epoch = epochAt(now, ctx.issuer.epochSeconds);
    const count = body.output.tokenRequests.length;
    if (!(await ctx.issuance.take(user.id, epoch, count, ctx.tokensPerEpoch))) {
      const retryAfter = Math.max(1, Math.ceil((epoch + 1) * ctx.issuer.epochSeconds - now / 1000));
      throw new ApiError(
        429,
        'token_limit',
        `This account has taken its tokens for this epoch; retry in ${retryAfter} s`,
        {
          'retry-after': String(retryAfter),
        },
      );
    }
    let signatures: string[];
    try {
      signatures = body.output.tokenRequests.map((text) => ctx.issuer.sign(text).toString('base64url'));
    } catch (error) {
      if (error instanceof IssuanceError) throw new ApiError(400, 'invalid_token_request', error.message);
      throw error;
    }
    return { tokenResponses: signatures };
  });
}
