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
import type { Mail } from '../mail/mailer.ts';
import { APPROVAL_TTL_MS } from './context.ts';
import type { SiteContext } from './context.ts';
import type { ApprovalResult } from '../account/store.ts';
import { ConfirmEmailPage, MessagePage, SignupPage } from './pages.tsx';
import { sendPage } from './render.ts';
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
      const error = 'Enter a valid email address (one line) and a password of 10 to 1024 characters.';
      return sendPage(reply, 400, h(SignupPage, { csrf: site.guard.csrf.anonymous(), error }));
    }
    if (!site.mailer) {
      const text = 'This provider has no mail relay configured, so it cannot approve new accounts. Ask its operator.';
      return sendPage(reply, 503, h(MessagePage, { title: 'Sign-up is not available', text }));
    }
    const { email, password } = form.output;
    const retryAfter = await site.limiter.hit([`signup-email:${email}`, `signup-addr:${request.ip}`]);
    if (retryAfter > 0) {
      void reply.header('retry-after', String(retryAfter));
      const text = `Too many sign-ups from here or for this address; try again in ${retryAfter} seconds.`;
      return sendPage(reply, 429, h(MessagePage, { title: 'Slow down', text }));
    }

    const now = Date.now();
    await store.deleteExpiredApprovals(now);
    const passwordHash = await passwords.hash(password);
    const token = newToken();
    const created = await store.createPendingUser(
      { email, password_hash: passwordHash, plan: 'free', plan_expires_at: null },
      { token_hash: hashToken(token), expires_at: now + APPROVAL_TTL_MS },
    );
    const base = site.publicUrl();
    const mail = created ? approvalMail(email, base, token) : alreadyRegisteredMail(email, base);
    try {
      await site.mailer.send(mail);
    } catch {
      // Without its mail the new account could never be approved: remove it so a retry works.
      if (created) {
        const user = await store.findUserByEmail(email);
        if (user && user.approved !== 1) await store.deleteUser(user.id);
      }
      const text = 'We could not send the mail right now. Nothing was kept; please try again later.';
      return sendPage(reply, 503, h(MessagePage, { title: 'Mail could not be sent', text }));
    }
    const text =
      'If this address can be used, a mail is on its way to it. Open the link in it within 24 hours to approve your account, then log in.';
    return sendPage(reply, 200, h(MessagePage, { title: 'Check your mail', text }));
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

function approvalAnswer(reply: FastifyReply, result: ApprovalResult | 'valid'): FastifyReply {
  const login = { href: '/site/login', label: 'Log in' };
  const again = { href: '/site/signup', label: 'Sign up again' };
  if (result === 'approved') {
    const text = 'Your email is approved. You can now log in here and in the extension.';
    return sendPage(reply, 200, h(MessagePage, { title: 'Account approved', text, link: login }));
  }
  if (result === 'expired') {
    const text = 'This approval link has expired, and the account waiting for it is deleted. Sign up again.';
    return sendPage(reply, 410, h(MessagePage, { title: 'Link expired', text, link: again }));
  }
  const text = 'This approval link is not valid: it was already used, has expired, or was never issued.';
  return sendPage(reply, 404, h(MessagePage, { title: 'Link not valid', text, link: login }));
}

function approvalMail(to: string, base: string, token: string): Mail {
  const link = new URL(`/site/approve?token=${token}`, base).href;
  return {
    to,
    subject: 'Approve your Zone VPN account',
    text: [
      'Someone, hopefully you, created a Zone VPN account with this address.',
      '',
      'To approve it, open this link and confirm (it works once, for 24 hours):',
      link,
      '',
      'If it was not you, ignore this mail: the account is deleted when the link expires.',
      '',
    ].join('\n'),
  };
}

function alreadyRegisteredMail(to: string, base: string): Mail {
  return {
    to,
    subject: 'Someone tried to sign up with your address',
    text: [
      'Someone tried to create a Zone VPN account with this address, which already has one.',
      'Nothing was changed.',
      '',
      `If it was you, log in instead: ${new URL('/site/login', base).href}`,
      'If it was not you, you need to do nothing.',
      '',
    ].join('\n'),
  };
}
