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
import type { LinkState, ResetResult } from '../account/store.ts';
import { hashToken, newToken } from '../account/tokens.ts';
import type { Mail } from '../mail/mailer.ts';
import type { SiteContext } from './context.ts';
import { MessagePage, NewPasswordPage, ResetRequestPage } from './pages.tsx';
import { sendPage, slowDown } from './render.ts';
import { ChangePasswordForm, ResetForm, ResetRequestForm, SITE_BODY_LIMIT, linkToken } from './security.ts';

/** Reset links work once, for one hour. */
export const RESET_TTL_MS = 60 * 60_000;

export function passwordRoutes(app: FastifyInstance, site: SiteContext): void {
  const { store, passwords } = site.account;
  const { guard } = site;
  const post = { bodyLimit: SITE_BODY_LIMIT };
  const back = { href: '/site/account', label: 'Back to your account' };

  app.post('/password', post, async (request, reply) => {
    const session = await guard.checkSessionForm(request);
    const user = session && (await store.getUser(session.user_id));
    if (!session || !user) return reply.redirect('/site/login', 303);
    const form = v.safeParse(ChangePasswordForm, request.body);
    if (!form.success) {
      const text = 'The new password needs 10 to 1024 characters. Nothing was changed.';
      return sendPage(reply, 400, h(MessagePage, { title: 'Password not changed', text, link: back }));
    }
    // Guessing the current password counts against the same budget as logging in.
    const retryAfter = await site.limiter.hit([`email:${user.email}`, `addr:${request.ip}`]);
    if (retryAfter > 0) return slowDown(reply, retryAfter);
    if (!(await verifyPassword(form.output.current, user.password_hash))) {
      const text = 'The current password is wrong. Nothing was changed.';
      return sendPage(reply, 401, h(MessagePage, { title: 'Password not changed', text, link: back }));
    }
    await store.changePassword(user.id, await passwords.hash(form.output.password), session.id);
    const text = 'Your password is changed. Every other session, on this site and in the extension, has ended.';
    return sendPage(reply, 200, h(MessagePage, { title: 'Password changed', text, link: back }));
  });

  app.get('/reset', async (_request, reply) =>
    sendPage(reply, 200, h(ResetRequestPage, { csrf: guard.csrf.anonymous() })),
  );

  app.post('/reset', post, async (request, reply) => {
    guard.checkAnonymousForm(request);
    const form = v.safeParse(ResetRequestForm, request.body);
    if (!form.success) {
      const error = 'Enter a valid email address (one line).';
      return sendPage(reply, 400, h(ResetRequestPage, { csrf: guard.csrf.anonymous(), error }));
    }
    const mailer = site.mailer;
    if (!mailer) {
      const text = 'This provider has no mail relay configured, so it cannot send reset links. Ask its operator.';
      return sendPage(reply, 503, h(MessagePage, { title: 'Reset is not available', text }));
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
      await mailer.send(resetMail(email, site.publicUrl(), token));
    };
    // After the answer, and silently: a failure must not tell whether the address has an account,
    // and the service logs no recipients. The person can ask again.
    void send().catch(() => undefined);
    const text =
      'If this address has an approved account, a mail with a link to set a new password is on its way. The link works once, for one hour.';
    return sendPage(reply, 200, h(MessagePage, { title: 'Check your mail', text }));
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
      const error = 'The new password needs 10 to 1024 characters.';
      return sendPage(reply, 400, h(NewPasswordPage, { csrf: guard.csrf.anonymous(), token, error }));
    }
    const hash = await passwords.hash(form.output.password);
    return resetAnswer(reply, await store.resetPassword(hashToken(token), hash, Date.now()));
  });
}

function resetAnswer(reply: FastifyReply, result: ResetResult | LinkState): FastifyReply {
  const again = { href: '/site/reset', label: 'Ask for a new link' };
  if (result === 'reset') {
    const text = 'Your new password is set. Every session, on this site and in the extension, has ended: log in again.';
    return sendPage(
      reply,
      200,
      h(MessagePage, { title: 'Password set', text, link: { href: '/site/login', label: 'Log in' } }),
    );
  }
  if (result === 'expired') {
    const text = 'This reset link has expired. Nothing was changed.';
    return sendPage(reply, 410, h(MessagePage, { title: 'Link expired', text, link: again }));
  }
  const text =
    'This reset link is not valid: it was already used, replaced by a newer one, or never issued. Nothing was changed.';
  return sendPage(reply, 404, h(MessagePage, { title: 'Link not valid', text, link: again }));
}

function resetMail(to: string, base: string, token: string): Mail {
  const link = new URL(`/site/reset/confirm?token=${token}`, base).href;
  return {
    to,
    subject: 'Reset your Zone VPN password',
    text: [
      'Someone, hopefully you, asked to reset the password of the Zone VPN account of this address.',
      '',
      'To set a new password, open this link (it works once, for one hour):',
      link,
      '',
      'If it was not you, ignore this mail: your password stays as it is.',
      '',
    ].join('\n'),
  };
}
