/**
 * The checks every site route shares: which live session the cookie names, and whether a posted
 * form is this site's own (server/site/csrf.ts). A failed form check throws CsrfError, which the
 * site's error handler (server/site/plugin.ts) answers with a 403 page before anything is written.
 */
import type { FastifyRequest } from 'fastify';
import type { AccountStore, SessionRow } from '../account/store.ts';
import { hashToken } from '../account/tokens.ts';
import type { SiteCookies } from './cookies.ts';
import { CsrfError, fromSameOrigin, formToken } from './csrf.ts';
import type { CsrfTokens } from './csrf.ts';

const SECRET = /^[A-Za-z0-9_-]{43}$/;

export interface SiteSession extends SessionRow {
  /** SHA-256 of the cookie's secret: what the session's form tokens are made from. */
  tokenHash: string;
}

export class SiteGuard {
  constructor(
    readonly store: AccountStore,
    readonly cookies: SiteCookies,
    readonly csrf: CsrfTokens,
    readonly publicUrl: () => string,
  ) {}

  /** The live session named by the cookie, or undefined (an expired one is deleted). */
  async session(request: FastifyRequest): Promise<SiteSession | undefined> {
    const secret = request.cookies[this.cookies.session];
    if (secret === undefined || !SECRET.test(secret)) return undefined;
    const tokenHash = hashToken(secret);
    const session = await this.store.findSessionByTokenHash(tokenHash);
    if (!session) return undefined;
    if (session.expires_at <= Date.now()) {
      await this.store.deleteSession(session.id);
      return undefined;
    }
    return { ...session, tokenHash };
  }

  /** Throws CsrfError unless the posted logged-out form is this site's and not expired. */
  checkAnonymousForm(request: FastifyRequest): void {
    if (!fromSameOrigin(request, this.publicUrl()) || !this.csrf.verifyAnonymous(formToken(request))) {
      throw new CsrfError();
    }
  }

  /**
   * The session a logged-in form was posted in: undefined without a live session (the caller sends
   * the login page); throws CsrfError when the form is not this site's or belongs to another session.
   */
  async checkSessionForm(request: FastifyRequest): Promise<SiteSession | undefined> {
    if (!fromSameOrigin(request, this.publicUrl())) throw new CsrfError();
    const session = await this.session(request);
    if (session && !this.csrf.verifySession(formToken(request), session.tokenHash)) throw new CsrfError();
    return session;
  }
}
