/**
 * The site's new-user path on a real provider (127.0.0.1, port 0) with a real SMTP sink:
 * sign up, approve from the mail, log in, delete; then the hostile inputs.
 */
import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { api, startTestProvider } from '../test-support.ts';
import { SITE_CSP } from './security.ts';
import { SiteClient } from './site-client.ts';
import type { Page } from './site-client.ts';
import { PASSWORD, freshEmail, linkIn, useSiteKit } from './site-kit.ts';

describe('the site on a provider with a mail sink', () => {
  const kit = useSiteKit();
  const { signUp, openApproval, approve, signedUpAndApproved, siteLogin, apiLogin, countRows } = kit;
  const approvalLink = (text: string): string => linkIn(text, '/site/approve').href;

  it('sign up, mail in the sink, approve, then the API login works (refused before, like a wrong password)', async () => {
    const email = freshEmail();
    await signUp(email);
    const mail = await kit.sink.waitFor(email);
    expect(mail.subject).toBe('Approve your Zone VPN account');
    const before = await api(kit.base, 'POST', '/v1/sessions', { body: { email, password: PASSWORD } });
    const wrong = await api(kit.base, 'POST', '/v1/sessions', { body: { email, password: 'not the password' } });
    expect(before.status).toBe(401);
    expect(before.body).toEqual(wrong.body);

    // Opening the link (as a mail scanner would, twice) changes nothing; the button approves.
    expect((await openApproval(email)).status).toBe(200);
    expect((await openApproval(email)).status).toBe(200);
    expect(await apiLogin(email)).toBe(401);
    const approved = await approve(email);
    expect(approved.status).toBe(200);
    expect(approved.html).toContain('Account approved');
    expect(await apiLogin(email)).toBe(201);
  });

  it('a duplicate sign-up gets the same page; the owner gets a "someone tried" mail, and nothing changes', async () => {
    const email = freshEmail();
    await signUp(email);
    const first = await kit.sink.waitFor(email);
    const duplicate = await signUp(email, 'another password!');
    const fresh = await signUp(freshEmail());
    expect(duplicate.html).toBe(fresh.html);
    await vi.waitFor(() => expect(kit.sink.messages.filter((m) => m.to.includes(email))).toHaveLength(2));
    const second = kit.sink.messages.filter((m) => m.to.includes(email))[1]!;
    expect(second.subject).toBe('Someone tried to sign up with your address');
    expect(second.text).not.toMatch(/approve\?token/);
    expect(first.subject).toBe('Approve your Zone VPN account');
    expect((await approve(email)).status).toBe(200);
    expect(await apiLogin(email)).toBe(201);
    expect(await apiLogin(email, 'another password!')).toBe(401);
  });

  it('a used link, a forged one and an expired one each get a clear page; the expired account is gone', async () => {
    const email = await signedUpAndApproved();
    const reused = await approve(email);
    expect(reused.status).toBe(404);
    expect(reused.html).toContain('already used');

    const late = freshEmail();
    await signUp(late);
    const token = new URL(approvalLink((await kit.sink.waitFor(late)).text)).searchParams.get('token')!;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 24 * 3600_000 + 1000);
    const opened = await openApproval(late);
    expect(opened.status).toBe(410);
    expect(countRows('users', late)).toBe(1); // the GET changed nothing
    const client = new SiteClient(kit.base);
    const form = await client.get('/site/login');
    const expired = await client.post('/site/approve', { token }, { csrf: form.csrf });
    vi.useRealTimers();
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('expired');
    expect(await apiLogin(late)).toBe(401);
    expect(countRows('users', late)).toBe(0);
    expect(countRows('pending_approvals', late)).toBe(0);
  });

  it('the sweep deletes an unapproved account whose link expired, without anyone visiting it', async () => {
    const email = freshEmail();
    await signUp(email);
    const approvedEarlier = await signedUpAndApproved();
    await kit.sweepAfterApprovalsExpire();
    expect(countRows('users', email)).toBe(0);
    expect(countRows('pending_approvals', email)).toBe(0);
    expect(countRows('users', approvedEarlier)).toBe(1);
  });

  it('site login sets only the session cookie (with its flags); account page; logout ends the session', async () => {
    const email = await signedUpAndApproved();
    const client = new SiteClient(kit.base);
    const before = await siteLogin(client, email, 'wrong password');
    expect(before.status).toBe(401);
    const answer = await siteLogin(client, email);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/site/account');
    const account = await client.get('/site/account');
    expect(account.status).toBe(200);
    expect(account.html).toContain(email);
    expect(account.html).toContain('What we store about you');
    expect(account.html).toContain('free');

    // Cookie audit: the session id is the only cookie ever set: random, HttpOnly, SameSite=Strict, Path=/.
    expect([...client.jar.keys()]).toEqual(['zone_site']);
    expect(client.setCookies.length).toBeGreaterThan(0);
    for (const header of client.setCookies) {
      expect(header).toMatch(/^zone_site=[A-Za-z0-9_-]*;/);
      expect(header).toContain('HttpOnly');
      expect(header).toContain('SameSite=Strict');
      expect(header).toContain('Path=/');
      expect(header).not.toContain('Domain');
      expect(decodeURIComponent(header)).not.toContain(email);
      expect(decodeURIComponent(header)).not.toContain('@');
    }
    expect(client.jar.get('zone_site')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const logout = await client.post('/site/logout', {}, { csrf: account.csrf });
    expect(logout.status).toBe(303);
    expect(client.jar.has('zone_site')).toBe(false);
    expect((await client.get('/site/account')).status).toBe(303);
  });

  it('log out everywhere ends the site session and the extension sessions', async () => {
    const email = await signedUpAndApproved();
    const apiToken = (await api(kit.base, 'POST', '/v1/sessions', { body: { email, password: PASSWORD } })).body.token;
    const client = new SiteClient(kit.base);
    await siteLogin(client, email);
    const account = await client.get('/site/account');
    expect(account.html).toContain('2 signed-in sessions');
    expect((await client.post('/site/logout-everywhere', {}, { csrf: account.csrf })).status).toBe(303);
    expect((await api(kit.base, 'GET', '/v1/account', { token: apiToken })).status).toBe(401);
    expect((await client.get('/site/account')).status).toBe(303);
    expect(await apiLogin(email)).toBe(201);
  });

  it('delete account: rows and sessions gone, logins fail, the SQLite file holds no trace of the email', async () => {
    const email = await signedUpAndApproved();
    const apiToken = (await api(kit.base, 'POST', '/v1/sessions', { body: { email, password: PASSWORD } })).body.token;
    const client = new SiteClient(kit.base);
    await siteLogin(client, email);
    const account = await client.get('/site/account');
    expect((await readFile(kit.provider.database)).includes(Buffer.from(email))).toBe(true); // the control
    const deleted = await client.post('/site/delete', {}, { csrf: account.csrf });
    expect(deleted.status).toBe(200);
    expect(deleted.html).toContain('Account deleted');
    expect(client.jar.has('zone_site')).toBe(false);
    expect(await apiLogin(email)).toBe(401);
    expect((await api(kit.base, 'GET', '/v1/account', { token: apiToken })).status).toBe(401);
    expect((await siteLogin(new SiteClient(kit.base), email)).status).toBe(401);

    // No VACUUM: secure_delete zeroes deleted rows (server/account/db/connect.ts).
    const file = await readFile(kit.provider.database);
    expect(file.includes(Buffer.from(email))).toBe(false);
  });

  describe('CSRF without a cookie: each refusal is a 403 page and nothing is written', () => {
    const refused = (page: Page): void => {
      expect(page.status).toBe(403);
      expect(page.html).toContain('Form expired');
    };
    const usersWith = (email: string): unknown => {
      const db = new Database(kit.provider.database, { readonly: true });
      try {
        return db.prepare('SELECT count(*) AS n FROM users WHERE email = ?').get(email);
      } finally {
        db.close();
      }
    };

    it('pages set no cookie before login, and a form needs no cookie', async () => {
      const client = new SiteClient(kit.base);
      for (const path of ['/site/signup', '/site/login']) await client.get(path);
      expect(client.setCookies).toEqual([]);
      const form = await client.get('/site/signup');
      // A token works from any client (it is not bound to a cookie), so a new client may use it.
      const email = freshEmail();
      const sent = await new SiteClient(kit.base).post(
        '/site/signup',
        { email, password: PASSWORD },
        { csrf: form.csrf },
      );
      expect(sent.status).toBe(200);
    });

    it('logged-out forms: missing, wrong, forged-time and expired tokens', async () => {
      const client = new SiteClient(kit.base);
      const form = await client.get('/site/signup');
      const email = freshEmail();
      const fields = { email, password: PASSWORD };
      const [time, mac] = form.csrf!.split('.');
      refused(await client.post('/site/signup', fields, { csrf: null }));
      refused(await client.post('/site/signup', fields, { csrf: 'A'.repeat(52) }));
      refused(await client.post('/site/signup', fields, { csrf: `${Number(time) + 1}.${mac}` }));
      refused(await client.post('/site/login', fields, { csrf: null }));
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 2 * 3600_000 + 1000);
      const late = await client.post('/site/signup', fields, { csrf: form.csrf });
      vi.useRealTimers();
      refused(late);
      expect(kit.sink.messages.some((m) => m.to.includes(email))).toBe(false);
      expect(usersWith(email)).toEqual({ n: 0 });
    });

    it('a cross-site Origin or Sec-Fetch-Site is refused even with a valid token', async () => {
      const client = new SiteClient(kit.base);
      const form = await client.get('/site/signup');
      const email = freshEmail();
      const fields = { email, password: PASSWORD };
      const hostile: Array<Record<string, string>> = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'null', 'sec-fetch-site': 'cross-site' },
        { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
      ];
      for (const headers of hostile) {
        refused(await client.post('/site/signup', fields, { csrf: form.csrf, headers }));
      }
      expect(usersWith(email)).toEqual({ n: 0 });
      const own = { origin: new URL(kit.base).origin, 'sec-fetch-site': 'same-origin' };
      expect((await client.post('/site/signup', fields, { csrf: form.csrf, headers: own })).status).toBe(200);
      // What a browser sends for the site's own form under Referrer-Policy: no-referrer.
      const noReferrer = { origin: 'null', 'sec-fetch-site': 'same-origin' };
      const other = { email: freshEmail(), password: PASSWORD };
      expect((await client.post('/site/signup', other, { csrf: form.csrf, headers: noReferrer })).status).toBe(200);
    });

    it('logged-in forms: missing, wrong, logged-out and other-session tokens end nothing', async () => {
      const email = await signedUpAndApproved();
      const alice = new SiteClient(kit.base);
      const other = new SiteClient(kit.base);
      await siteLogin(alice, email);
      await siteLogin(other, email);
      const own = (await alice.get('/site/account')).csrf!;
      const theirs = (await other.get('/site/account')).csrf!;
      const loggedOut = (await alice.get('/site/login')).csrf!;
      expect(own).not.toBe(theirs);
      for (const path of ['/site/logout', '/site/logout-everywhere', '/site/delete']) {
        refused(await alice.post(path, {}, { csrf: null }));
        refused(await alice.post(path, {}, { csrf: 'wrong' }));
        refused(await alice.post(path, {}, { csrf: theirs }));
        refused(await alice.post(path, {}, { csrf: loggedOut }));
        refused(await alice.post(path, {}, { csrf: own, headers: { origin: 'https://evil.example' } }));
      }
      expect((await alice.get('/site/account')).status).toBe(200);
      expect((await other.get('/site/account')).status).toBe(200);
      expect(usersWith(email)).toEqual({ n: 1 });
    });

    it('a form token from one node is accepted by another node with the same rate-limit key', async () => {
      const key = 'a shared rate-limit key for the test';
      const mail = { smtp: { host: kit.sink.host, port: kit.sink.port }, from: 'Zone VPN <no-reply@zone.test>' };
      const first = await startTestProvider({ mail, rateLimitKey: key });
      const second = await startTestProvider({ mail, rateLimitKey: key, database: first.database });
      try {
        const form = await new SiteClient(first.accountUrl).get('/site/signup');
        const page = await new SiteClient(second.accountUrl).post(
          '/site/signup',
          { email: freshEmail(), password: PASSWORD },
          { csrf: form.csrf },
        );
        expect(page.status).toBe(200);
      } finally {
        await second.dispose();
        await first.dispose();
      }
    });
  });

  it('site pages carry the strict CSP and no inline script or style', async () => {
    const paths = [
      '/site/signup',
      '/site/login',
      '/site/approve?token=x',
      '/site/reset',
      '/site/reset/confirm?token=x',
      '/site/privacy',
      '/site/contact',
    ];
    for (const path of paths) {
      const page = await new SiteClient(kit.base).get(path);
      expect(page.headers.get('content-security-policy')).toBe(SITE_CSP);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.html).not.toMatch(/<script|style=|<style/i);
    }
    expect(SITE_CSP).toContain("default-src 'none'");
    expect(SITE_CSP).toContain("frame-ancestors 'none'");
    // The JSON API sets no cookie and keeps its own answers.
    expect((await api(kit.base, 'GET', '/healthz')).headers.get('set-cookie')).toBeNull();
  });

  describe('hostile inputs', () => {
    const badSignups: Array<[string, Record<string, string>]> = [
      ['CRLF in the email (header injection)', { email: 'a@zone.test\r\nBcc: victim@zone.test', password: PASSWORD }],
      ['a trailing CRLF', { email: 'b@zone.test\r\n', password: PASSWORD }],
      ['a lone LF', { email: 'c@zone.test\nx', password: PASSWORD }],
      ['a NUL byte', { email: 'd@zone.test\u0000', password: PASSWORD }],
      ['two addresses', { email: 'e@zone.test, f@zone.test', password: PASSWORD }],
      ['no at sign', { email: 'not-an-email', password: PASSWORD }],
      ['an email too long', { email: `${'x'.repeat(250)}@zone.test`, password: PASSWORD }],
      ['a short password', { email: 'g@zone.test', password: 'short' }],
      ['a password too long', { email: 'h@zone.test', password: 'p'.repeat(1025) }],
      ['no password', { email: 'i@zone.test' }],
      ['no email', { password: PASSWORD }],
      ['a display name with an address', { email: 'Eve <eve@zone.test>', password: PASSWORD }],
    ];
    for (const [name, fields] of badSignups) {
      it(`sign-up refuses ${name} with the form again and sends nothing`, async () => {
        const client = new SiteClient(kit.base);
        const form = await client.get('/site/signup');
        const count = kit.sink.messages.length;
        const page = await client.post('/site/signup', fields, { csrf: form.csrf });
        expect(page.status).toBe(400);
        expect(page.html).toContain('Enter a valid email address');
        expect(page.csrf).toBeDefined();
        if (fields.password) expect(page.html).not.toContain(fields.password);
        expect(kit.sink.messages.length).toBe(count);
      });
    }

    it('a 1 MB body is refused with 413 and a page', async () => {
      const client = new SiteClient(kit.base);
      const form = await client.get('/site/signup');
      const page = await client.post(
        '/site/signup',
        {},
        { rawBody: `_csrf=${form.csrf}&email=${'a'.repeat(1 << 20)}` },
      );
      expect(page.status).toBe(413);
      expect(page.html).toContain('Too much data');
    });

    it('a JSON body on a form endpoint is refused', async () => {
      const client = new SiteClient(kit.base);
      await client.get('/site/signup');
      const page = await client.post(
        '/site/signup',
        {},
        { rawBody: '{"email":"j@zone.test"}', contentType: 'application/json' },
      );
      expect(page.status).toBe(403);
    });

    it('mixed-case and padded emails are one account: the second sign-up gets the "someone tried" mail', async () => {
      const email = freshEmail();
      await signUp(`  ${email.toUpperCase()} `);
      await signUp(email);
      await vi.waitFor(() => expect(kit.sink.messages.filter((m) => m.to.includes(email))).toHaveLength(2));
      expect(kit.sink.messages.filter((m) => m.to.includes(email)).map((m) => m.subject)).toEqual([
        'Approve your Zone VPN account',
        'Someone tried to sign up with your address',
      ]);
    });

    it('a unicode email is accepted or refused, never half-written', async () => {
      const client = new SiteClient(kit.base);
      const form = await client.get('/site/signup');
      const page = await client.post(
        '/site/signup',
        { email: 'jürgen@zone.test', password: PASSWORD },
        { csrf: form.csrf },
      );
      expect([200, 400]).toContain(page.status);
      const db = new Database(kit.provider.database, { readonly: true });
      try {
        const users = db.prepare("SELECT id FROM users WHERE email LIKE 'j%rgen@zone.test'").all() as Array<{
          id: number;
        }>;
        const links = db
          .prepare(
            'SELECT count(*) AS n FROM pending_approvals WHERE user_id IN (SELECT id FROM users WHERE email LIKE ?)',
          )
          .get('j%rgen@zone.test');
        expect(links).toEqual({ n: page.status === 200 ? 1 : 0 });
        expect(users.length).toBe(page.status === 200 ? 1 : 0);
      } finally {
        db.close();
      }
    });

    it('malformed, unknown and array tokens on the approval link get the "not valid" page', async () => {
      for (const query of [
        '',
        '?token=',
        '?token=short',
        `?token=${'A'.repeat(43)}`,
        '?token=a&token=b',
        `?token=${'%0d%0a'.repeat(10)}`,
      ]) {
        const page = await new SiteClient(kit.base).get(`/site/approve${query}`);
        expect(page.status, query).toBe(404);
        expect(page.html).toContain('not valid');
      }
    });

    it('concurrent confirmations of one link approve once; the other gets a clear page', async () => {
      const email = freshEmail();
      await signUp(email);
      const page = await openApproval(email);
      const client = new SiteClient(kit.base);
      const pages = await Promise.all([client.submit(page, '/site/approve'), client.submit(page, '/site/approve')]);
      expect(pages.map((p) => p.status).sort()).toEqual([200, 404]);
      expect(pages.find((p) => p.status === 404)!.html).toContain('already used');
      expect(await apiLogin(email)).toBe(201);
      expect(countRows('pending_approvals', email)).toBe(0);
    });

    it('a POST of the approval form without a token, or with a malformed one, approves nothing', async () => {
      const email = freshEmail();
      await signUp(email);
      const page = await openApproval(email);
      const client = new SiteClient(kit.base);
      for (const token of ['', 'short', 'A'.repeat(43), '%0d%0a'.repeat(10)]) {
        const answer = await client.submit(page, '/site/approve', { token });
        expect(answer.status, token).toBe(404);
        expect(answer.html).toContain('not valid');
      }
      expect(await apiLogin(email)).toBe(401);
      expect(countRows('pending_approvals', email)).toBe(1);
    });

    it('a forged or unknown session cookie leads to the login page', async () => {
      for (const value of ['A'.repeat(43), 'x', '../../etc', '']) {
        const client = new SiteClient(kit.base);
        client.jar.set('zone_site', value);
        expect((await client.get('/site/account')).status).toBe(303);
      }
    });
  });
});

describe('the site without a mail relay', () => {
  it('answers sign-up with a clear 503 page and creates nothing', async () => {
    const provider = await startTestProvider();
    try {
      const client = new SiteClient(provider.accountUrl);
      const form = await client.get('/site/signup');
      const page = await client.post('/site/signup', { email: 'k@zone.test', password: PASSWORD }, { csrf: form.csrf });
      expect(page.status).toBe(503);
      expect(page.html).toContain('no mail relay configured');
      const db = new Database(provider.database, { readonly: true });
      try {
        expect(db.prepare('SELECT count(*) AS n FROM users WHERE email = ?').get('k@zone.test')).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } finally {
      await provider.dispose();
    }
  });
});
