/**
 * The site's request hardening: headers on every page (a CSP without any script, no framing, no
 * Referer, so an approval link never leaks to another site), the body cap, and the form schemas.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';

export const SITE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Site forms are a few hundred bytes; anything much larger is refused with 413. */
export const SITE_BODY_LIMIT = 4096;

export function installSiteHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    void reply.headers({
      'content-security-policy': SITE_CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  });
}

/**
 * An email as typed: CR, LF or any other control character is refused before trimming (mail
 * header injection), then trimmed, lower-cased and checked.
 */
const Email = v.pipe(
  v.string(),
  v.check((s) => !/[\p{Cc}]/u.test(s)),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254),
  v.email(),
);

/** A new password: 10 to 1024 characters (scrypt takes any length; the cap bounds the work). */
const NewPassword = v.pipe(v.string(), v.minLength(10), v.maxLength(1024));
const AnyPassword = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
/** The token of a single-use link from a mail: 32 random bytes, base64url. */
export const LinkToken = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));

/** The link token in a query or form field, if it is well-formed. */
export function linkToken(value: unknown): string | undefined {
  return v.is(LinkToken, value) ? value : undefined;
}

export const SignupForm = v.object({ email: Email, password: NewPassword });

export const LoginForm = v.object({ email: Email, password: AnyPassword });

export const ChangePasswordForm = v.object({ current: AnyPassword, password: NewPassword });

export const ResetRequestForm = v.object({ email: Email });

export const ResetForm = v.object({ token: LinkToken, password: NewPassword });
