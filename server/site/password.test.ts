/**
 * Changing a password on the account page and resetting a forgotten one by mail, on a real
 * provider with a real SMTP sink: what ends, what stays, and that nothing tells whether an
 * address has an account.
 */
import { describe, expect, it, vi } from 'vitest';
import { api, startTestProvider } from '../test-support.ts';
import { SiteClient } from './site-client.ts';
import type { Page } from './site-client.ts';
import { PASSWORD, freshEmail, linkIn, useSiteKit } from './site-kit.ts';

const NEW_PASSWORD = 'a brand new password';

describe('password change and reset', () => {
  const kit = useSiteKit();
  const { signUp, signedUpAndApproved, siteLogin, apiLogin, countRows, mailsTo } = kit;

  async function requestReset(email: string, client = new SiteClient(kit.base)): Promise<Page> {
    const form = await client.get('/site/reset');
    return client.post('/site/reset', { email }, { csrf: form.csrf });
  }

  /** Requests a reset and opens the link of the newest reset mail. */
  async function openReset(email: string, client = new SiteClient(kit.base)): Promise<Page> {
    const before = mailsTo(email).length;
    expect((await requestReset(email, client)).status).toBe(200);
    await vi.waitFor(() => expect(mailsTo(email).length).toBe(before + 1));
    const link = linkIn(mailsTo(email).at(-1)!.text, '/site/reset/confirm');
    return client.get(link.pathname + link.search);
  }

  describe('change on the account page', () => {
    it('needs the current password; ends every other session (site and extension), keeps this one', async () => {
      const email = await signedUpAndApproved();
      const extension = (await api(kit.base, 'POST', '/v1/sessions', { body: { email, password: PASSWORD } })).body
        .token;
      const here = new SiteClient(kit.base);
      const elsewhere = new SiteClient(kit.base);
      await siteLogin(here, email);
      await siteLogin(elsewhere, email);
      const account = await here.get('/site/account');
      expect(account.html).toContain('Change your password');

      const wrong = await here.submit(account, '/site/password', { current: 'not it', password: NEW_PASSWORD });
      expect(wrong.status).toBe(401);
      expect(wrong.html).toContain('Nothing was changed');
      const short = await here.submit(account, '/site/password', { current: PASSWORD, password: 'short' });
      expect(short.status).toBe(400);
      const long = await here.submit(account, '/site/password', { current: PASSWORD, password: 'p'.repeat(1025) });
      expect(long.status).toBe(400);
      expect(countRows('sessions', email)).toBe(3);

      const done = await here.submit(account, '/site/password', { current: PASSWORD, password: NEW_PASSWORD });
      expect(done.status).toBe(200);
      expect(done.html).toContain('Password changed');
      expect((await here.get('/site/account')).status).toBe(200);
      expect((await elsewhere.get('/site/account')).status).toBe(303);
      expect((await api(kit.base, 'GET', '/v1/account', { token: extension })).status).toBe(401);
      expect(countRows('sessions', email)).toBe(1);
      expect(await apiLogin(email)).toBe(401);
      expect(await apiLogin(email, NEW_PASSWORD)).toBe(201);
    });

    it("without a session the form leads to the login page; with another session's token it is refused", async () => {
      const email = await signedUpAndApproved();
      const a = new SiteClient(kit.base);
      const b = new SiteClient(kit.base);
      await siteLogin(a, email);
      await siteLogin(b, email);
      const page = await b.get('/site/account');
      const fields = { current: PASSWORD, password: NEW_PASSWORD, _csrf: page.csrf! };
      expect((await a.post('/site/password', fields)).status).toBe(403);
      expect((await new SiteClient(kit.base).post('/site/password', fields)).status).toBe(303);
      expect(await apiLogin(email)).toBe(201);
    });
  });

  describe('reset by mail', () => {
    it('the same page for an approved, an unapproved and an unknown address; a mail only to the approved one', async () => {
      const approved = await signedUpAndApproved();
      const unapproved = freshEmail();
      await signUp(unapproved);
      const unknown = freshEmail();
      const pages = [await requestReset(approved), await requestReset(unapproved), await requestReset(unknown)];
      for (const page of pages) {
        expect(page.status).toBe(200);
        expect(page.html).toBe(pages[0]!.html);
      }
      await vi.waitFor(() => expect(mailsTo(approved).length).toBe(2));
      const mail = mailsTo(approved)[1]!;
      expect(mail.subject).toBe('Reset your Zone VPN password');
      // Only what it must: the link, no password, no other address.
      expect(mail.text).not.toContain(PASSWORD);
      expect(mail.text.match(/@/g)).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mailsTo(unapproved).length).toBe(1); // its approval mail only
      expect(mailsTo(unknown).length).toBe(0);
      expect(countRows('password_resets', unapproved)).toBe(0);
    });

    it('the link shows a form and changes nothing; its POST sets the password and ends every session, once', async () => {
      const email = await signedUpAndApproved();
      const extension = (await api(kit.base, 'POST', '/v1/sessions', { body: { email, password: PASSWORD } })).body
        .token;
      const site = new SiteClient(kit.base);
      await siteLogin(site, email);
      const client = new SiteClient(kit.base);
      const form = await openReset(email, client);
      expect(form.status).toBe(200);
      expect(form.html).toContain('Set a new password');
      expect((await client.get('/site/reset/confirm?' + new URLSearchParams({ token: 'x' }).toString())).status).toBe(
        404,
      );
      expect(await apiLogin(email)).toBe(201); // the GET changed nothing
      expect(countRows('password_resets', email)).toBe(1);

      const done = await client.submit(form, '/site/reset/confirm', { password: NEW_PASSWORD });
      expect(done.status).toBe(200);
      expect(done.html).toContain('Password set');
      expect(countRows('sessions', email)).toBe(0);
      expect(countRows('password_resets', email)).toBe(0);
      expect((await site.get('/site/account')).status).toBe(303);
      expect((await api(kit.base, 'GET', '/v1/account', { token: extension })).status).toBe(401);
      expect(await apiLogin(email, PASSWORD)).toBe(401);
      expect(await apiLogin(email, NEW_PASSWORD)).toBe(201);

      const again = await client.submit(form, '/site/reset/confirm', { password: 'yet another password' });
      expect(again.status).toBe(404);
      expect(again.html).toContain('already used');
      expect(await apiLogin(email, NEW_PASSWORD)).toBe(201);
    });

    it('an invalid new password shows the form again and keeps the link', async () => {
      const email = await signedUpAndApproved();
      const client = new SiteClient(kit.base);
      const form = await openReset(email, client);
      for (const password of ['short', 'p'.repeat(1025), '']) {
        const page = await client.submit(form, '/site/reset/confirm', { password });
        expect(page.status).toBe(400);
        expect(page.html).toContain('10 to 1024 characters');
        expect(page.html).toContain('name="token"');
      }
      expect(countRows('password_resets', email)).toBe(1);
      expect(await apiLogin(email)).toBe(201);
    });

    it('an expired link: a clear page, nothing changed', async () => {
      const email = await signedUpAndApproved();
      const client = new SiteClient(kit.base);
      const form = await openReset(email, client);
      const token = /name="token" value="([^"]+)"/.exec(form.html)![1]!;
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 3600_000 + 1000);
      const opened = await client.get(`/site/reset/confirm?token=${token}`);
      const fresh = await client.get('/site/reset');
      const posted = await client.post('/site/reset/confirm', { token, password: NEW_PASSWORD }, { csrf: fresh.csrf });
      vi.useRealTimers();
      expect(opened.status).toBe(410);
      expect(posted.status).toBe(410);
      expect(posted.html).toContain('expired');
      expect(await apiLogin(email)).toBe(201);
      expect(await apiLogin(email, NEW_PASSWORD)).toBe(401);
    });

    it('a newer link replaces the older one', async () => {
      const email = await signedUpAndApproved();
      const client = new SiteClient(kit.base);
      const older = await openReset(email, client);
      const newer = await openReset(email, client);
      expect((await client.submit(older, '/site/reset/confirm', { password: NEW_PASSWORD })).status).toBe(404);
      expect((await client.submit(newer, '/site/reset/confirm', { password: NEW_PASSWORD })).status).toBe(200);
      expect(await apiLogin(email, NEW_PASSWORD)).toBe(201);
    });

    it('the link of a deleted account is not valid, and creates nothing', async () => {
      const email = await signedUpAndApproved();
      const client = new SiteClient(kit.base);
      const form = await openReset(email, client);
      await siteLogin(client, email);
      const account = await client.get('/site/account');
      expect((await client.submit(account, '/site/delete')).status).toBe(200);
      const page = await client.submit(form, '/site/reset/confirm', { password: NEW_PASSWORD });
      expect(page.status).toBe(404);
      expect(countRows('users', email)).toBe(0);
      expect(await apiLogin(email, NEW_PASSWORD)).toBe(401);
    });

    it('two concurrent posts of one link: one sets the password, the other gets a clear page', async () => {
      const email = await signedUpAndApproved();
      const client = new SiteClient(kit.base);
      const form = await openReset(email, client);
      const pages = await Promise.all([
        client.submit(form, '/site/reset/confirm', { password: 'first new password' }),
        client.submit(form, '/site/reset/confirm', { password: 'second new password' }),
      ]);
      expect(pages.map((p) => p.status).sort()).toEqual([200, 404]);
      const winner = pages[0]!.status === 200 ? 'first new password' : 'second new password';
      const loser = winner === 'first new password' ? 'second new password' : 'first new password';
      expect(await apiLogin(email, winner)).toBe(201);
      expect(await apiLogin(email, loser)).toBe(401);
    });

    it('CRLF and other hostile emails in the request are refused with the form, and no mail goes out', async () => {
      const email = await signedUpAndApproved();
      const count = kit.sink.messages.length;
      for (const bad of [
        `${email}\r\nBcc: victim@zone.test`,
        `${email}\n`,
        'not-an-email',
        `${'x'.repeat(250)}@zone.test`,
      ]) {
        const page = await requestReset(bad);
        expect(page.status).toBe(400);
        expect(page.html).toContain('Enter a valid email address');
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(kit.sink.messages.length).toBe(count);
    });
  });
});

describe('reset rate limits (per email and per address, in the shared database)', () => {
  const kit = useSiteKit({ loginRateLimit: { max: 3, windowMs: 60_000 } });

  it('the fourth request for one address within the window gets a 429 page with Retry-After', async () => {
    const email = await kit.signedUpAndApproved();
    const client = new SiteClient(kit.base);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const form = await client.get('/site/reset');
      const page = await client.post('/site/reset', { email }, { csrf: form.csrf });
      statuses.push(page.status);
      if (page.status === 429) {
        expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(page.html).toContain('Slow down');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    await vi.waitFor(() => expect(kit.mailsTo(email).length).toBe(4)); // approval + 3 resets
  });

  it('two nodes on one database share the per-email reset limit', async () => {
    const email = await kit.signedUpAndApproved();
    const mail = { smtp: { host: kit.sink.host, port: kit.sink.port }, from: 'Zone VPN <no-reply@zone.test>' };
    const other = await startTestProvider({
      mail,
      database: kit.provider.database,
      loginRateLimit: { max: 3, windowMs: 60_000 },
    });
    // A window after the previous test's (the per-address count is shared too: all come from 127.0.0.1).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 120_000);
    try {
      const statuses: number[] = [];
      for (const base of [kit.base, other.accountUrl, kit.base, other.accountUrl]) {
        const client = new SiteClient(base);
        const form = await client.get('/site/reset');
        statuses.push((await client.post('/site/reset', { email }, { csrf: form.csrf })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await other.dispose();
    }
  });
});
