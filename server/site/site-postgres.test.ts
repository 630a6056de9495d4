/** The site's path on PostgreSQL (started by the test): sign up, approve, log in, account page, delete. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink } from '../mail/sink.ts';
import type { MailSink } from '../mail/sink.ts';
import { useTestDatabases } from '../test-databases.ts';
import { api, startTestProvider } from '../test-support.ts';
import type { TestProvider } from '../test-support.ts';
import { SiteClient } from './site-client.ts';

const databases = useTestDatabases();
const EMAIL = 'pg-site@zone.test';
const PASSWORD = 'a long enough password';

describe('the site on PostgreSQL', () => {
  let sink: MailSink;
  let provider: TestProvider;
  let url: string;

  beforeAll(async () => {
    sink = await startMailSink();
    url = await databases.newDatabase('postgres');
    provider = await startTestProvider({
      database: url,
      mail: { smtp: { host: sink.host, port: sink.port }, from: 'Zone VPN <no-reply@zone.test>' },
    });
  }, 120_000);
  afterAll(async () => {
    await provider?.dispose();
    await sink?.close();
  });

  it('sign up, approve once, log in on the site and the API, delete: no row left with the email', async () => {
    const base = provider.accountUrl;
    const client = new SiteClient(base);
    const form = await client.get('/site/signup');
    expect((await client.post('/site/signup', { email: EMAIL, password: PASSWORD }, { csrf: form.csrf })).status).toBe(
      200,
    );
    const login = async (): Promise<number> =>
      (await api(base, 'POST', '/v1/sessions', { body: { email: EMAIL, password: PASSWORD } })).status;
    expect(await login()).toBe(401);
    const link = new URL(/(http:\S+approve\?token=\S+)/.exec((await sink.waitFor(EMAIL)).text)![1]!);
    const confirm = await client.get(link.pathname + link.search);
    expect(confirm.status).toBe(200);
    expect(await login()).toBe(401);
    expect((await client.submit(confirm, '/site/approve')).status).toBe(200);
    expect((await client.submit(confirm, '/site/approve')).status).toBe(404);
    expect(await login()).toBe(201);

    const loginForm = await client.get('/site/login');
    expect(
      (await client.post('/site/login', { email: EMAIL, password: PASSWORD }, { csrf: loginForm.csrf })).status,
    ).toBe(303);
    const account = await client.get('/site/account');
    expect(account.html).toContain('2 signed-in sessions');
    expect((await client.post('/site/delete', {}, { csrf: account.csrf })).status).toBe(200);
    expect(await login()).toBe(401);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const tables = ['users', 'sessions', 'pending_approvals', 'password_resets', 'token_issuance'];
      for (const table of tables) {
        const rows = await db.query(`SELECT * FROM ${table}`);
        expect(JSON.stringify(rows.rows), table).not.toContain(EMAIL);
      }
      expect((await db.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [EMAIL])).rows).toEqual([
        { n: 0 },
      ]);
    } finally {
      await db.end();
    }
  });
});
