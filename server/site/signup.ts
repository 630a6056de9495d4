/**
 * Sign-up and approval. The answer to a sign-up is the same page whether or not the email has an
 * account (the password is hashed either way, and a mail goes out either way: the approval link
 * to a new address, "someone tried to sign up" to an existing one), so the page reveals no
 * accounts. The link's token is shown only in the mail; the store keeps its SHA-256. Opening the
 * link shows a "Confirm my email" button; only its POST approves.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import * as v from 'valibot';
import { hashToken, newToken } from '../account/tokens.ts';
import { APPROVAL_TTL_MS } from './context.ts';
import type { SiteContext } from './context.ts';
import type { ApprovalResult } from '../account/store.ts';
import { ConfirmEmailPage, SignupPage } from './pages.tsx';
import { siteMail } from './mails.ts';
import { sendMessage, sendPage, slowDown } from './render.ts';
import { SITE_BODY_LIMIT, SignupForm, linkToken } from './security.ts';

export function signupRoutes(app: FastifyInstance, site: SiteContext): void {
  const { store, passwords } = site.account;

  app.get('/signup', async (_request, reply) =>
    sendPage(reply, 200, h(SignupPage, { csrf: site.guard.csrf.anonymous() })),
  );

  app.post('/signup', { bodyLimit: SITE_BODY_LIMIT }, async (request, reply) => {
    site.guard.checkAnonymousForm(request);
    const form = v.safeParse(SignupForm, request.body);
    if (!form.success) {
      return sendPage(reply, 400, h(SignupPage, { csrf: site.guard.csrf.anonymous(), error: 'signupInvalid' }));
    }
    if (!site.mailer) {
      return sendMessage(reply, 503, 'signupUnavailable');
    }
    const { email, password } = form.output;
    const retryAfter = await site.limiter.hit([`signup-email:${email}`, `signup-addr:${request.ip}`]);
    if (retryAfter > 0) return slowDown(reply, retryAfter);

    const now = Date.now();
    await store.deleteExpiredApprovals(now);
    const passwordHash = await passwords.hash(password);
    const token = newToken();
    const created = await store.createPendingUser(
      { email, password_hash: passwordHash, plan: 'free', plan_expires_at: null },
      { token_hash: hashToken(token), expires_at: now + APPROVAL_TTL_MS },
    );
    const base = site.publicUrl();
    const mail = created
      ? siteMail(request, 'approval', email, new URL(`/site/approve?token=${token}`, base).href)
      : siteMail(request, 'alreadyRegistered', email, new URL('/site/login', base).href);
    try {
      await site.mailer.send(mail);
    } catch {
      // Without its mail the new account could never be approved: remove it so a retry works.
      if (created) {
        const user = await store.findUserByEmail(email);
        if (user && user.approved !== 1) await store.deleteUser(user.id);
      }
      return sendMessage(reply, 503, 'mailFailed');
    }
    return sendMessage(reply, 200, 'checkMail');
  });

  // The link in the mail only shows a button: mail scanners fetch links, and a GET changes nothing.
  app.get('/approve', async (request, reply) => {
    const token = linkToken((request.query as Record<string, unknown>)['token']);
    const state = token ? await store.approvalState(hashToken(token), Date.now()) : 'unknown';
    if (state === 'valid') {
      return sendPage(reply, 200, h(ConfirmEmailPage, { csrf: site.guard.csrf.anonymous(), token: token! }));
    }
    return approvalAnswer(reply, state);
  });

  app.post('/approve', { bodyLimit: SITE_BODY_LIMIT }, async (request, reply) => {
    site.guard.checkAnonymousForm(request);
    const token = linkToken((request.body as Record<string, unknown>)['token']);
    return approvalAnswer(reply, token ? await store.approve(hashToken(token), Date.now()) : 'unknown');
  });
}

function approvalAnswer(reply: FastifyReply, result: ApprovalResult): FastifyReply {
  if (result === 'approved') return sendMessage(reply, 200, 'approved', { link: 'login' });
  if (result === 'expired') return sendMessage(reply, 410, 'approvalExpired', { link: 'signupAgain' });
  return sendMessage(reply, 404, 'approvalInvalid', { link: 'login' });
}
