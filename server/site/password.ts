/**
 * Changing the password on the account page (the current one required; every other session, the
 * site's and the extension's, ends) and resetting a forgotten one by mail. The reset request gets
 * the same page whether or not the address has an account, and the mail goes out after the answer,
 * so neither the page nor its timing tells; only an existing approved account gets a mail. The
 * link works once, for an hour; only its SHA-256 is stored, and using it ends every session.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import * as v from 'valibot';
import { verifyPassword } from '../account/passwords.ts';
import type { ResetResult } from '../account/store.ts';
import { hashToken, newToken } from '../account/tokens.ts';
import type { SiteContext } from './context.ts';
import { NewPasswordPage, ResetRequestPage } from './pages.tsx';
import { siteMail } from './mails.ts';
import { seeOther, sendMessage, sendPage, slowDown } from './render.ts';
import { ChangePasswordForm, ResetForm, ResetRequestForm, SITE_BODY_LIMIT, linkToken } from './security.ts';

/** Reset links work once, for one hour. */
export const RESET_TTL_MS = 60 * 60_000;

export function passwordRoutes(app: FastifyInstance, site: SiteContext): void {
  const { store, passwords } = site.account;
  const { guard } = site;
  const post = { bodyLimit: SITE_BODY_LIMIT };

  app.post('/password', post, async (request, reply) => {
    const session = await guard.checkSessionForm(request);
    const user = session && (await store.getUser(session.user_id));
    if (!session || !user) return seeOther(reply, '/site/login');
    const form = v.safeParse(ChangePasswordForm, request.body);
    if (!form.success) {
      return sendMessage(reply, 400, 'passwordInvalid', { link: 'account' });
    }
    // Guessing the current password counts against the same budget as logging in.
    const retryAfter = await site.limiter.hit([`email:${user.email}`, `addr:${request.ip}`]);
    if (retryAfter > 0) return slowDown(reply, retryAfter);
    if (!(await verifyPassword(form.output.current, user.password_hash))) {
      return sendMessage(reply, 401, 'passwordWrong', { link: 'account' });
    }
    await store.changePassword(user.id, await passwords.hash(form.output.password), session.id);
    return sendMessage(reply, 200, 'passwordChanged', { link: 'account' });
  });

  app.get('/reset', async (_request, reply) =>
    sendPage(reply, 200, h(ResetRequestPage, { csrf: guard.csrf.anonymous() })),
  );

  app.post('/reset', post, async (request, reply) => {
    guard.checkAnonymousForm(request);
    const form = v.safeParse(ResetRequestForm, request.body);
    if (!form.success) {
      return sendPage(reply, 400, h(ResetRequestPage, { csrf: guard.csrf.anonymous(), error: 'emailInvalid' }));
    }
    const mailer = site.mailer;
    if (!mailer) {
      return sendMessage(reply, 503, 'resetUnavailable');
    }
    const { email } = form.output;
    const retryAfter = await site.limiter.hit([`reset-email:${email}`, `reset-addr:${request.ip}`]);
    if (retryAfter > 0) return slowDown(reply, retryAfter);

    const send = async (): Promise<void> => {
      const user = await store.findUserByEmail(email);
      if (!user || user.approved !== 1) return;
      const token = newToken();
      await store.createPasswordReset({
        token_hash: hashToken(token),
        user_id: user.id,
        expires_at: Date.now() + RESET_TTL_MS,
      });
      const link = new URL(`/site/reset/confirm?token=${token}`, site.publicUrl()).href;
      await mailer.send(siteMail(request, 'reset', email, link));
    };
    // After the answer, and silently: a failure must not tell whether the address has an account,
    // and the service logs no recipients. The person can ask again.
    void send().catch(() => undefined);
    return sendMessage(reply, 200, 'resetSent');
  });

  // The link in the mail: a GET shows the form and changes nothing (mail scanners prefetch links).
  app.get('/reset/confirm', async (request, reply) => {
    const token = linkToken((request.query as Record<string, unknown>)['token']);
    const state = token ? await store.resetState(hashToken(token), Date.now()) : 'unknown';
    if (state === 'valid') {
      return sendPage(reply, 200, h(NewPasswordPage, { csrf: guard.csrf.anonymous(), token: token! }));
    }
    return resetAnswer(reply, state);
  });

  app.post('/reset/confirm', post, async (request, reply) => {
    guard.checkAnonymousForm(request);
    const token = linkToken((request.body as Record<string, unknown>)['token']);
    if (!token) return resetAnswer(reply, 'unknown');
    const form = v.safeParse(ResetForm, request.body);
    if (!form.success) {
      const csrf = guard.csrf.anonymous();
      return sendPage(reply, 400, h(NewPasswordPage, { csrf, token, error: 'newPasswordInvalid' }));
    }
    const hash = await passwords.hash(form.output.password);
    return resetAnswer(reply, await store.resetPassword(hashToken(token), hash, Date.now()));
  });
}

function resetAnswer(reply: FastifyReply, result: ResetResult): FastifyReply {
  if (result === 'reset') return sendMessage(reply, 200, 'resetDone', { link: 'login' });
  if (result === 'expired') return sendMessage(reply, 410, 'resetExpired', { link: 'resetAgain' });
  return sendMessage(reply, 404, 'resetInvalid', { link: 'resetAgain' });
}
