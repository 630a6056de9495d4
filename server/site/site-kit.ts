/**
 * What the site's tests share: inside a describe, useSiteKit() starts a provider (SQLite file) with
 * a real SMTP sink and gives the steps of a user's path (sign up, approve, log in) and a database
 * reader.
 */
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { startMailSink } from '../mail/sink.ts';
import type { MailSink } from '../mail/sink.ts';
import { api, startTestProvider } from '../test-support.ts';
import type { TestProvider } from '../test-support.ts';
import { AccountStore } from '../account/store.ts';
import { SiteClient } from './site-client.ts';
import { sweepExpired } from './sweep.ts';
import type { Page } from './site-client.ts';

export const PASSWORD = 'a long enough password';
let serial = 0;
export const freshEmail = (): string => `user${++serial}-${Date.now()}@zone.test`;

/** The first link to `path` (e.g. /site/approve) in a mail's text. */
export function linkIn(text: string, path: string): URL {
  const link = new RegExp(`(http://\\S+${path}\\?token=[A-Za-z0-9_-]{43})(\\s|$)`).exec(text)?.[1];
  if (!link) throw new Error(`no ${path} link in the mail`);
  return new URL(link);
}

export type Table = 'users' | 'sessions' | 'pending_approvals' | 'password_resets';

export interface SiteKit {
  readonly sink: MailSink;
  readonly provider: TestProvider;
  readonly base: string;
  signUp(email: string, password?: string, client?: SiteClient): Promise<Page>;
  /** Opens the approval link of the first mail to `email`: the page of the link. */
  openApproval(email: string, client?: SiteClient): Promise<Page>;
  /** Opens the approval link of the first mail to `email` and presses "Confirm my email". */
  approve(email: string, client?: SiteClient): Promise<Page>;
  signedUpAndApproved(): Promise<string>;
  siteLogin(client: SiteClient, email: string, password?: string): Promise<Page>;
  /** The status of POST /v1/sessions (the extension's login). */
  apiLogin(email: string, password?: string): Promise<number>;
  /** Rows of `table` belonging to the account with this email (users: the account itself). */
  countRows(table: Table, email: string): number;
  /** A day and a second later: the sweep deletes what expired (approval links and their accounts). */
  sweepAfterApprovalsExpire(): Promise<void>;
  /** The mails to `email` so far. */
  mailsTo(email: string): MailSink['messages'];
}

export function useSiteKit(options: { loginRateLimit?: { max: number; windowMs: number } } = {}): SiteKit {
  let sink: MailSink;
  let provider: TestProvider;
  beforeAll(async () => {
    sink = await startMailSink();
    provider = await startTestProvider({
      mail: { smtp: { host: sink.host, port: sink.port }, from: 'Zone VPN <no-reply@zone.test>' },
      loginRateLimit: options.loginRateLimit ?? { max: 1000, windowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await provider?.dispose();
    await sink?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const kit: SiteKit = {
    get sink() {
      return sink;
    },
    get provider() {
      return provider;
    },
    get base() {
      return provider.accountUrl;
    },
    async signUp(email, password = PASSWORD, client = new SiteClient(kit.base)) {
      const form = await client.get('/site/signup');
      expect(form.status).toBe(200);
      const sent = await client.post('/site/signup', { email, password }, { csrf: form.csrf });
      expect(sent.status).toBe(200);
      expect(sent.html).toContain('Check your mail');
      return sent;
    },
    async openApproval(email, client = new SiteClient(kit.base)) {
      const link = linkIn((await sink.waitFor(email)).text, '/site/approve');
      return client.get(link.pathname + link.search);
    },
    async approve(email, client = new SiteClient(kit.base)) {
      const page = await kit.openApproval(email, client);
      if (page.status !== 200) return page;
      expect(page.html).toContain('Confirm my email');
      return client.submit(page, '/site/approve');
    },
    async signedUpAndApproved() {
      const email = freshEmail();
      await kit.signUp(email);
      expect((await kit.approve(email)).status).toBe(200);
      return email;
    },
    async siteLogin(client, email, password = PASSWORD) {
      const form = await client.get('/site/login');
      return client.post('/site/login', { email, password }, { csrf: form.csrf });
    },
    async apiLogin(email, password = PASSWORD) {
      return (await api(kit.base, 'POST', '/v1/sessions', { body: { email, password } })).status;
    },
    countRows(table, email) {
      const db = new Database(provider.database, { readonly: true });
      try {
        const query =
          table === 'users'
            ? 'SELECT count(*) AS n FROM users WHERE email = ?'
            : `SELECT count(*) AS n FROM ${table} WHERE user_id IN (SELECT id FROM users WHERE email = ?)`;
        return (db.prepare(query).get(email) as { n: number }).n;
      } finally {
        db.close();
      }
    },
    async sweepAfterApprovalsExpire() {
      const store = await AccountStore.open(provider.database);
      try {
        await sweepExpired(store, Date.now() + 24 * 3600_000 + 1000);
      } finally {
        await store.close();
      }
    },
    mailsTo(email) {
      return sink.messages.filter((m) => m.to.includes(email));
    },
  };
  return kit;
}
