/**
 * Issue 16's new-user journey in Chromium and Firefox ESR, written once over the page API
 * (test/support/zone-browser.ts): the popup's "Create account" link opens the provider's sign-up
 * page; sign up; the approval mail arrives in the sink; approve; log in on the site; log in from the
 * popup with that account and browse through a region; reset the password from the popup's "Forgot
 * password?" link; delete the account, after which the popup's login fails and the database file
 * holds no trace of the email.
 * After every step the cookie audit, after the journey the database audit (test/support/site-audits.ts),
 * each shown to catch a planted failure. The site's tabs and the browser's cookies are
 * test/support/site-tabs.ts; Chromium also runs axe-core on every site page in light and dark and
 * takes the site's pictures for docs/images and the README.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '../../server/mail/sink';
import { linkIn } from '../../server/site/site-kit';
import { FAST_TEST_COST } from '../../server/test-support';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';
import { cookieProblems, databaseProblems, emailTraces } from '../support/site-audits';
import { siteTabs, type SitePage, type SiteTabs } from '../support/site-tabs';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

const NEW_USER = { email: 'new.user@zone.test', password: 'a long enough password' };
const NEW_PASSWORD = 'another long enough password';
/** Known to the test, so the audit can look for the email's keyed hash (server/account/rate-limit.ts). */
const RATE_LIMIT_KEY = 'site-journey-rate-limit-key';
const MAIL_FROM = 'Zone VPN <no-reply@zone.test>';

describe.each(BROWSERS)(
  "%s: a new user's path on the provider's site, with a cookie audit after every step",
  (name) => {
    let sink: MailSink;
    let provider: TestProvider;
    let origin: Origin;
    let b: ZoneBrowser;
    let tabs: SiteTabs;
    let site: SitePage;
    let began: number;
    const userAgents: string[] = [];
    const url = (path: string) => new URL(path, provider.accountUrl).href;

    /** The cookie audit after a step: exactly the session cookie while logged in, none otherwise. */
    const audit = async (session: 'present' | 'absent' | 'either') =>
      expect(cookieProblems(await tabs.cookies(), provider.accountUrl, session)).toEqual([]);
    const logInOnSite = async (password: string) => {
      await site.goto(url('/site/login'));
      await site.fill('Email', NEW_USER.email);
      await site.fill('Password', password);
      await site.submit('Log in');
    };
    /**
     * axe on each of the site's page templates (server/site/pages.tsx) the first time the journey
     * shows it; the other message pages (approved, password set, deleted) are the same MessagePage.
     */
    const accessible = async (picture?: string) => {
      if (tabs.accessibility) expect(await tabs.accessibility(site, picture)).toEqual([]);
    };
    const databaseMarks = () => ({
      addresses: ['127.0.0.1', '127.0.0.2'],
      userAgents,
      window: [began, Date.now()] as [number, number],
    });

    /** The popup login form's links, as shown. */
    const popupLinks = () =>
      b.ui.run(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('form.login a')].map((a) => ({
          text: a.textContent ?? '',
          href: a.href,
        })),
      );
    /** Opens the popup and sends its login form, without waiting for the answer. */
    const popupLogIn = async (email: string, password: string) => {
      await b.ui.open('popup');
      await b.ui.fill('Email', email);
      await b.ui.fill('Password', password);
      await b.ui.click('Log in');
    };
    /** The popup's alert text, once there is one. */
    const popupAlert = async () => {
      let alert = '';
      await expect
        .poll(async () => (alert = (await b.ui.texts('[role=alert]')).join(' ').trim()), { timeout: 15_000 })
        .not.toBe('');
      return alert;
    };
    /** Disconnect, then Log out in the options page: the popup shows its login form again. */
    const disconnectAndLogOut = async () => {
      await b.ui.click('Disconnect');
      await b.ui.waitForButton('Connect');
      await b.ui.open('options');
      await b.ui.click('Log out');
      await b.ui.waitForText('Not logged in');
      await b.ui.open('popup');
      await b.ui.waitForButton('Log in');
    };

    beforeAll(async () => {
      sink = await startMailSink();
      [provider, origin] = await Promise.all([
        startTestProvider({
          mail: { smtp: { host: sink.host, port: sink.port }, from: MAIL_FROM },
          rateLimitKey: RATE_LIMIT_KEY,
          // A cheaper scrypt (the server tests' cost): the journey hashes and checks a password ten times.
          passwordCost: FAST_TEST_COST,
        }),
        startOrigin(),
      ]);
      b = await launchZoneBrowser(name, { leak: false });
      tabs = siteTabs(b, provider.accountUrl);
      await b.useAccountService(provider.accountUrl);
      await b.ui.open('popup');
      await b.ui.waitForButton('Log in');
      began = Date.now();
    });

    afterAll(async () => {
      await b?.close();
      await Promise.all([provider?.close(), origin?.close(), sink?.close()]);
    });

    it("the popup's login form links to the provider's sign-up and reset pages; Create account opens sign-up in a tab", async () => {
      expect(await popupLinks()).toEqual([
        { text: 'Create account', href: url('/site/signup') },
        { text: 'Forgot password?', href: url('/site/reset') },
      ]);
      site = await tabs.openFromPopup('Create account');
      expect(site.url()).toBe(url('/site/signup'));
      expect(await site.text()).toContain('Create an account');
      userAgents.push(await site.userAgent());
      await audit('absent');
      await accessible('site-signup');
    });

    it('the cookie audit reports a planted cookie and a session cookie without its flags (positive control)', async () => {
      await tabs.plantCookie('tracker', NEW_USER.email);
      await tabs.plantCookie('zone_site', NEW_USER.email);
      const problems = cookieProblems(await tabs.cookies(), provider.accountUrl, 'absent');
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^unexpected cookie tracker/),
          expect.stringMatching(/^session cookie zone_site .* while logged out/),
          expect.stringMatching(/zone_site .* is not HttpOnly/),
          expect.stringMatching(/zone_site .* is SameSite=Lax, not Strict/),
          expect.stringMatching(/zone_site .* does not hold just a random id/),
        ]),
      );
      await tabs.removeCookie('tracker');
      await tabs.removeCookie('zone_site');
      await audit('absent');
    });

    it('sign up with email and password: the page says to check the mail', async () => {
      await site.fill('Email', NEW_USER.email);
      await site.fill('Password', NEW_USER.password);
      await site.submit('Create account');
      expect(await site.text()).toContain('Check your mail');
      await audit('absent');
      await accessible();
    });

    it("the approval mail's link shows a button; pressing it approves the account", async () => {
      const mail = await sink.waitFor(NEW_USER.email);
      expect(mail.subject).toBe('Approve your Zone VPN account');
      await site.goto(linkIn(mail.text, '/site/approve').href);
      expect(await site.text()).toContain('Confirm your email');
      await audit('absent');
      await accessible();
      await site.submit('Confirm my email');
      expect(await site.text()).toContain('Account approved');
      await audit('absent');
    });

    it('log in on the site: a wrong password is refused, the right one shows the account page', async () => {
      await logInOnSite('not the password at all');
      expect(await site.text()).toContain('The email or the password is wrong');
      await audit('absent');
      await accessible();
      await logInOnSite(NEW_USER.password);
      expect(site.url()).toBe(url('/site/account'));
      const account = await site.text();
      expect(account).toContain(NEW_USER.email);
      expect(account).toContain('What we store about you');
      await audit('present');
      await accessible('site-account');
    });

    it('log in from the popup with the new account, connect: a page loads through the proxy', async () => {
      await popupLogIn(NEW_USER.email, NEW_USER.password);
      await b.ui.waitForButton('Connect');
      await b.connect('de-fra');
      expect(await b.load(`http://site-a.test:${origin.port}/`, 15_000)).toBe('127.0.0.2');
      const seen = provider.eventsFor('site-a.test');
      expect(seen.some((e) => e.authorized && e.regionId === 'de-fra')).toBe(true);
      expect(origin.hitsFor('site-a.test').every((hit) => hit.from === '127.0.0.2')).toBe(true);
      await disconnectAndLogOut();
      await audit('present');
    });

    it("reset a forgotten password from the popup's link: the mail's link sets a new one, which logs in", async () => {
      site = await tabs.openFromPopup('Forgot password?');
      expect(site.url()).toBe(url('/site/reset'));
      await accessible();
      await site.fill('Email', NEW_USER.email);
      await site.submit('Send the link');
      expect(await site.text()).toContain('Check your mail');
      await audit('present');
      const resetMail = () =>
        sink.messages.find((m) => m.to.includes(NEW_USER.email) && m.text.includes('/site/reset/confirm'));
      await expect.poll(resetMail).toBeDefined();
      await site.goto(linkIn(resetMail()!.text, '/site/reset/confirm').href);
      await accessible();
      await site.fill('New password', NEW_PASSWORD);
      await site.submit('Set the password');
      expect(await site.text()).toContain('Password set');
      // Every session ended; the browser may keep the cookie of one, which now opens nothing.
      await audit('either');
      await site.goto(url('/site/account'));
      expect(site.url()).toBe(url('/site/login'));
      await logInOnSite(NEW_USER.password);
      expect(await site.text()).toContain('The email or the password is wrong');
      await logInOnSite(NEW_PASSWORD);
      expect(await site.text()).toContain(NEW_USER.email);
      await audit('present');
    });

    it('the privacy and contact pages', async () => {
      await site.goto(url('/site/privacy'));
      expect(await site.text()).toContain('cookie');
      await accessible();
      await site.goto(url('/site/contact'));
      await accessible();
      await audit('present');
    });

    it('the database audit: only documented columns, no address, user agent or time of use', async () => {
      expect(databaseProblems(provider.database, databaseMarks())).toEqual([]);
      const db = new Database(provider.database, { readonly: true });
      try {
        const user = db.prepare('SELECT * FROM users WHERE email = ?').get(NEW_USER.email) as Record<string, unknown>;
        expect(Object.keys(user).sort()).toEqual([
          'approved',
          'email',
          'id',
          'password_hash',
          'plan',
          'plan_expires_at',
        ]);
        expect(String(user['password_hash'])).not.toContain(NEW_PASSWORD);
      } finally {
        db.close();
      }
    });

    it('the database audit reports a planted column, address, user agent and time (positive control)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'zone-db-audit-'));
      try {
        const copy = join(dir, 'planted.sqlite');
        copyFileSync(provider.database, copy);
        const db = new Database(copy);
        db.exec('ALTER TABLE users ADD COLUMN last_seen INTEGER; ALTER TABLE users ADD COLUMN last_ip TEXT;');
        db.prepare('UPDATE users SET last_seen = ?, last_ip = ? WHERE email = ?').run(
          Date.now(),
          '127.0.0.1',
          NEW_USER.email,
        );
        db.prepare('UPDATE users SET plan = ? WHERE email = ?').run(userAgents[0], NEW_USER.email);
        db.close();
        expect(databaseProblems(copy, databaseMarks())).toEqual(
          expect.arrayContaining([
            'undocumented column users.last_seen',
            'undocumented column users.last_ip',
            expect.stringMatching(/^users\.last_seen holds a time of use/),
            'the file holds the address 127.0.0.1',
            expect.stringMatching(/^the file holds the user agent /),
          ]),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('delete the account on the site: the deleted page, and no cookie left', async () => {
      // The controls: the email and its login counter's keyed hash are there before the deletion.
      expect(emailTraces(provider.database, NEW_USER.email, RATE_LIMIT_KEY)).toEqual(
        expect.arrayContaining(['the email in plain', 'the rate-limit key "email:<email>" (its HMAC)']),
      );
      await site.goto(url('/site/account'));
      await site.submit('Delete my account now');
      expect(await site.text()).toContain('Account deleted');
      await audit('absent');
      // Not even a keyed hash of the email is left: the login, sign-up and reset limits' counters for
      // it (server/account/rate-limit.ts) went with the account. A later login attempt with the email
      // is counted again, as for any unknown email, so that the answer does not reveal accounts.
      expect(emailTraces(provider.database, NEW_USER.email, RATE_LIMIT_KEY)).toEqual([]);
    });

    it("after deletion the popup's login fails and the database file holds no trace of the email", async () => {
      await popupLogIn(NEW_USER.email, NEW_PASSWORD);
      expect(await popupAlert()).toContain('Wrong email or password');
      await audit('absent');
      expect(emailTraces(provider.database, NEW_USER.email, RATE_LIMIT_KEY)).not.toContain('the email in plain');
      expect(databaseProblems(provider.database, databaseMarks())).toEqual([]);
    });
  },
);
