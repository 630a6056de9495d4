/**
 * More hostile inputs against the site (the first ones are in server/site/site.test.ts): huge
 * bodies on every form, CRLF, unicode and mixed case in every email field, over-long passwords,
 * links of deleted accounts, concurrent sign-ups. Each gets a clear page, and the database shows
 * nothing lost or half-written.
 */
import { describe, expect, it, vi } from 'vitest';
import { SiteClient } from './site-client.ts';
import { PASSWORD, freshEmail, linkIn, useSiteKit } from './site-kit.ts';

const MEGABYTE = 'a'.repeat(1 << 20);

describe('hostile inputs, more', () => {
  const kit = useSiteKit();
  const { signUp, openApproval, signedUpAndApproved, siteLogin, apiLogin, countRows, mailsTo } = kit;
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

  it('a 1 MB body on every form is refused with 413 and a page; nothing changes', async () => {
    const email = await signedUpAndApproved();
    const client = new SiteClient(kit.base);
    await siteLogin(client, email);
    const account = await client.get('/site/account');
    const mails = kit.sink.messages.length;
    const forms = [
      '/site/login',
      '/site/approve',
      '/site/reset',
      '/site/reset/confirm',
      '/site/password',
      '/site/logout',
      '/site/logout-everywhere',
      '/site/delete',
    ];
    for (const path of forms) {
      const page = await client.post(path, {}, { rawBody: `_csrf=${account.csrf}&email=${email}&x=${MEGABYTE}` });
      expect(page.status, path).toBe(413);
      expect(page.html).toContain('Too much data');
    }
    expect((await client.get('/site/account')).status).toBe(200);
    expect(countRows('users', email)).toBe(1);
    await settle();
    expect(kit.sink.messages.length).toBe(mails);
  });

  it('an over-long password is refused everywhere with a page, never a 500', async () => {
    const email = await signedUpAndApproved();
    const client = new SiteClient(kit.base);
    const long = 'p'.repeat(1025);
    const login = await siteLogin(client, email, long);
    expect(login.status).toBe(401);
    expect(login.html).toContain('wrong');
    // 4 KiB and more: past the body cap.
    const huge = await siteLogin(client, email, 'p'.repeat(5000));
    expect(huge.status).toBe(413);
    expect(await apiLogin(email)).toBe(201);
  });

  it('CRLF in the login email is the usual wrong-login page; nothing is mailed', async () => {
    const email = await signedUpAndApproved();
    const mails = mailsTo(email).length;
    const page = await siteLogin(new SiteClient(kit.base), `${email}\r\nBcc: victim@zone.test`);
    expect(page.status).toBe(401);
    expect(page.html).toContain('The email or the password is wrong');
    await settle();
    expect(mailsTo(email).length).toBe(mails);
    expect(mailsTo('victim@zone.test').length).toBe(0);
  });

  it('mixed-case and padded emails reach the same account at login and reset', async () => {
    const email = await signedUpAndApproved();
    const client = new SiteClient(kit.base);
    expect((await siteLogin(client, `  ${email.toUpperCase()}  `)).status).toBe(303);
    const form = await client.get('/site/reset');
    expect((await client.post('/site/reset', { email: email.toUpperCase() }, { csrf: form.csrf })).status).toBe(200);
    await vi.waitFor(() => expect(mailsTo(email).length).toBe(2));
    expect(mailsTo(email)[1]!.subject).toBe('Reset your Zone VPN password');
    expect(countRows('password_resets', email)).toBe(1);
  });

  it('a unicode password works end to end (sign up, approve, log in on the site and the API)', async () => {
    const email = freshEmail();
    const password = 'pässwörd 🔐 密码 long enough';
    await signUp(email, password);
    const client = new SiteClient(kit.base);
    const page = await openApproval(email, client);
    expect((await client.submit(page, '/site/approve')).status).toBe(200);
    expect((await siteLogin(client, email, password)).status).toBe(303);
    expect(await apiLogin(email, password)).toBe(201);
    expect(await apiLogin(email, 'passwörd 🔐 密码 long enough')).toBe(401);
  });

  it('an approval link whose account was deleted (expired and swept) is not valid and creates nothing', async () => {
    const email = freshEmail();
    await signUp(email);
    const page = await openApproval(email);
    await kit.sweepAfterApprovalsExpire();
    expect(countRows('users', email)).toBe(0);
    expect((await openApproval(email)).status).toBe(404);
    const pressed = await new SiteClient(kit.base).submit(page, '/site/approve');
    expect(pressed.status).toBe(404);
    expect(pressed.html).toContain('not valid');
    expect(countRows('users', email)).toBe(0);
    expect(await apiLogin(email)).toBe(401);
  });

  it('an approval link used after the account was approved and deleted is not valid', async () => {
    const email = freshEmail();
    await signUp(email);
    const client = new SiteClient(kit.base);
    const page = await openApproval(email, client);
    expect((await client.submit(page, '/site/approve')).status).toBe(200);
    await siteLogin(client, email);
    expect((await client.submit(await client.get('/site/account'), '/site/delete')).status).toBe(200);
    expect((await client.submit(page, '/site/approve')).status).toBe(404);
    expect(countRows('users', email)).toBe(0);
  });

  it('two concurrent sign-ups with one email: one account, one approval mail, one "someone tried" mail', async () => {
    const email = freshEmail();
    const pages = await Promise.all([
      signUp(email, 'first password, long enough'),
      signUp(email, 'second password, long enough'),
    ]);
    expect(pages[0]!.html).toBe(pages[1]!.html);
    await vi.waitFor(() => expect(mailsTo(email).length).toBe(2));
    expect(
      mailsTo(email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Approve your Zone VPN account', 'Someone tried to sign up with your address']);
    expect(countRows('users', email)).toBe(1);
    expect(countRows('pending_approvals', email)).toBe(1);
  });

  it('a sign-up for an address waiting for approval keeps its link and its password', async () => {
    const email = freshEmail();
    await signUp(email);
    await signUp(email, 'an attacker password here');
    await vi.waitFor(() => expect(mailsTo(email).length).toBe(2));
    expect((await kit.approve(email)).status).toBe(200);
    expect(await apiLogin(email)).toBe(201);
    expect(await apiLogin(email, 'an attacker password here')).toBe(401);
  });

  it('fields sent twice (arrays) are refused with the form, nothing written', async () => {
    const client = new SiteClient(kit.base);
    const form = await client.get('/site/signup');
    const email = freshEmail();
    const body = new URLSearchParams([
      ['_csrf', form.csrf!],
      ['email', email],
      ['email', freshEmail()],
      ['password', PASSWORD],
    ]).toString();
    const page = await client.post('/site/signup', {}, { rawBody: body });
    expect(page.status).toBe(400);
    expect(countRows('users', email)).toBe(0);
    const twice = new URLSearchParams([
      ['_csrf', form.csrf!],
      ['_csrf', form.csrf!],
      ['email', email],
      ['password', PASSWORD],
    ]).toString();
    expect((await client.post('/site/signup', {}, { rawBody: twice })).status).toBe(403);
    expect(countRows('users', email)).toBe(0);
  });

  it('a reset link with a malformed, unknown or repeated token changes nothing', async () => {
    const email = await signedUpAndApproved();
    const client = new SiteClient(kit.base);
    for (const query of ['', '?token=', '?token=short', `?token=${'A'.repeat(43)}`, '?token=a&token=b']) {
      const page = await client.get(`/site/reset/confirm${query}`);
      expect(page.status, query).toBe(404);
      expect(page.html).toContain('not valid');
    }
    const form = await client.get('/site/reset');
    const posted = await client.post(
      '/site/reset/confirm',
      { token: 'A'.repeat(43), password: 'a brand new password' },
      { csrf: form.csrf },
    );
    expect(posted.status).toBe(404);
    expect(await apiLogin(email)).toBe(201);
  });

  it('a reset link cannot be used from a link in the approval mail, nor the other way round', async () => {
    const email = freshEmail();
    await signUp(email);
    const approval = linkIn((await kit.sink.waitFor(email)).text, '/site/approve');
    const client = new SiteClient(kit.base);
    const asReset = await client.get(`/site/reset/confirm${approval.search}`);
    expect(asReset.status).toBe(404);
    expect(countRows('pending_approvals', email)).toBe(1);
  });
});
