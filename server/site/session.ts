/**
 * Site login, account page, logout and account deletion. The site session is an ordinary row of
 * `sessions` (its secret's SHA-256, a random id, the expiry), so "delete account" ends it with
 * the extension's; the cookie holds only the secret.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import * as v from 'valibot';
import { verifyPassword } from '../account/passwords.ts';
import { hashToken, newPublicId, newToken } from '../account/tokens.ts';
import type { SiteContext } from './context.ts';
import { AccountPage, LoginPage } from './pages.tsx';
import { seeOther, sendMessage, sendPage, slowDown } from './render.ts';
import { LoginForm, SITE_BODY_LIMIT } from './security.ts';

export function sessionSiteRoutes(app: FastifyInstance, site: SiteContext): void {
  const { store, passwords } = site.account;
  const names = site.cookies;
  const { guard } = site;
  const anonymous = (): string => guard.csrf.anonymous();

  const toLogin = (reply: FastifyReply): FastifyReply => seeOther(reply, '/site/login');
  const post = { bodyLimit: SITE_BODY_LIMIT };

  app.get('/login', async (_request, reply) => sendPage(reply, 200, h(LoginPage, { csrf: anonymous() })));

  app.post('/login', post, async (request, reply) => {
    guard.checkAnonymousForm(request);
    const form = v.safeParse(LoginForm, request.body);
    if (!form.success) return sendPage(reply, 401, h(LoginPage, { csrf: anonymous(), error: 'loginWrong' }));
    const { email, password } = form.output;
    // The same keys as POST /v1/sessions: one budget per email and address, whichever door is used.
    const retryAfter = await site.limiter.hit([`email:${email}`, `addr:${request.ip}`]);
    if (retryAfter > 0) return slowDown(reply, retryAfter);
    const user = await store.findUserByEmail(email);
    const ok = user ? await verifyPassword(password, user.password_hash) : await passwords.verifyAgainstDummy(password);
    if (!user || !ok || user.approved !== 1) {
      return sendPage(reply, 401, h(LoginPage, { csrf: anonymous(), error: 'loginWrong' }));
    }
    const now = Date.now();
    await store.deleteExpiredSessions(now);
    const secret = newToken();
    await store.createSession({
      id: newPublicId(),
      token_hash: hashToken(secret),
      user_id: user.id,
      expires_at: now + site.account.sessionTtlMs,
    });
    void reply.setCookie(names.session, secret, {
      ...names.options,
      maxAge: Math.floor(site.account.sessionTtlMs / 1000),
    });
    return seeOther(reply, '/site/account');
  });

  app.get('/account', async (request, reply) => {
    const session = await guard.session(request);
    const user = session && (await store.getUser(session.user_id));
    if (!session || !user) return toLogin(reply);
    const account = {
      email: user.email,
      plan: user.plan,
      planExpiresAt: user.plan_expires_at,
      sessions: await store.countSessions(user.id),
    };
    return sendPage(reply, 200, h(AccountPage, { csrf: guard.csrf.forSession(session.tokenHash), account }));
  });

  app.post('/logout', post, async (request, reply) => {
    const session = await guard.checkSessionForm(request);
    if (session) await store.deleteSession(session.id);
    void reply.clearCookie(names.session, names.options);
    return toLogin(reply);
  });

  app.post('/logout-everywhere', post, async (request, reply) => {
    const session = await guard.checkSessionForm(request);
    if (session) await store.deleteUserSessions(session.user_id);
    void reply.clearCookie(names.session, names.options);
    return toLogin(reply);
  });

  app.post('/delete', post, async (request, reply) => {
    const session = await guard.checkSessionForm(request);
    if (!session) return toLogin(reply);
    const user = await store.getUser(session.user_id);
    await store.deleteUser(session.user_id);
    // Not even a keyed hash of the email stays behind in the rate-limit counters.
    if (user) await site.limiter.forgetEmail(user.email);
    void reply.clearCookie(names.session, names.options);
    return sendMessage(reply, 200, 'deleted');
  });
}
