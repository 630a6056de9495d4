/**
 * The account store on both engines (a real SQLite file, a real PostgreSQL started by the test),
 * then what each engine's storage holds after real requests.
 */
import { readFile, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, api, login, mintTestTokens, startTestProvider } from '../test-support.ts';
import type { TestProvider } from '../test-support.ts';
import { ENGINES, useTestDatabases } from '../test-databases.ts';
import { AccountStore } from './store.ts';
import { hashToken } from './tokens.ts';

const databases = useTestDatabases();

/** The tables and columns every engine must hold, and nothing else (kysely's own two aside). */
const SCHEMA = {
  login_attempts: ['key_hash', 'count', 'reset_at'],
  pending_approvals: ['token_hash', 'user_id', 'expires_at'],
  password_resets: ['token_hash', 'user_id', 'expires_at'],
  sessions: ['id', 'token_hash', 'user_id', 'expires_at'],
  token_issuance: ['user_id', 'epoch', 'count'],
  users: ['id', 'email', 'password_hash', 'plan', 'plan_expires_at', 'approved'],
};
const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

const USER = { email: 'a@zone.test', password_hash: 'scrypt$x', plan: 'premium', plan_expires_at: null };

describe.each(ENGINES)('account store on %s', (engine) => {
  let store: AccountStore;
  let userId: number;

  beforeAll(async () => {
    store = await AccountStore.open(await databases.newDatabase(engine));
    await store.upsertUser(USER);
    userId = (await store.findUserByEmail(USER.email))!.id;
  }, 60_000);
  afterAll(() => store?.close());

  it('creates and updates users by email', async () => {
    expect(store.engine).toBe(engine);
    expect(await store.getUser(userId)).toEqual({ id: userId, ...USER, approved: 1 });
    const expires = Date.UTC(2031, 0, 1); // beyond 32 bits: stored and read back as a number
    await store.upsertUser({ ...USER, password_hash: 'scrypt$y', plan: 'free', plan_expires_at: expires });
    expect(await store.findUserByEmail(USER.email)).toEqual({
      id: userId,
      email: USER.email,
      password_hash: 'scrypt$y',
      plan: 'free',
      plan_expires_at: expires,
      approved: 1,
    });
    expect(await store.findUserByEmail('nobody@zone.test')).toBeUndefined();
  });

  it('creates unapproved users with a single-use approval link; expired links delete them', async () => {
    const now = Date.now();
    const pending = { email: 'p@zone.test', password_hash: 'scrypt$p', plan: 'free', plan_expires_at: null };
    expect(await store.createPendingUser(pending, { token_hash: 'a1', expires_at: now + 60_000 })).toBe(true);
    expect(await store.createPendingUser(pending, { token_hash: 'a2', expires_at: now + 60_000 })).toBe(false);
    expect(await store.createPendingUser(USER, { token_hash: 'a3', expires_at: now + 60_000 })).toBe(false);
    expect((await store.findUserByEmail(pending.email))?.approved).toBe(0);
    expect(await Promise.all([store.approve('a1', now), store.approve('a1', now)])).toEqual(
      expect.arrayContaining(['approved', 'unknown']),
    );
    expect((await store.findUserByEmail(pending.email))?.approved).toBe(1);
    expect(await store.approve('a2', now)).toBe('unknown');

    const late = { ...pending, email: 'late@zone.test' };
    await store.createPendingUser(late, { token_hash: 'b1', expires_at: now - 1 });
    expect(await store.approve('b1', now)).toBe('expired');
    expect(await store.findUserByEmail(late.email)).toBeUndefined();
    await store.createPendingUser(late, { token_hash: 'b2', expires_at: now - 1 });
    await store.deleteExpiredApprovals(now);
    expect(await store.findUserByEmail(late.email)).toBeUndefined();
    expect(await store.approve('b2', now)).toBe('unknown');

    const approved = (await store.findUserByEmail(pending.email))!;
    await store.createSession({ id: 'sp', token_hash: 'hp', user_id: approved.id, expires_at: now + 60_000 });
    await store.deleteUser(approved.id);
    expect(await store.getUser(approved.id)).toBeUndefined();
    expect(await store.findSessionByTokenHash('hp')).toBeUndefined();
  });

  it('creates, finds and deletes sessions; expired ones go', async () => {
    const now = Date.now();
    await store.createSession({ id: 's1', token_hash: 'h1', user_id: userId, expires_at: now + 60_000 });
    await store.createSession({ id: 's2', token_hash: 'h2', user_id: userId, expires_at: now - 1 });
    expect(await store.findSessionByTokenHash('h1')).toEqual({ id: 's1', user_id: userId, expires_at: now + 60_000 });
    await store.deleteExpiredSessions(now);
    expect(await store.findSessionByTokenHash('h2')).toBeUndefined();
    await store.deleteSession('s1');
    expect(await store.findSessionByTokenHash('h1')).toBeUndefined();
  });

  it('refuses a second session with the same token hash and loses nothing', async () => {
    const now = Date.now();
    await store.createSession({ id: 'd1', token_hash: 'dup', user_id: userId, expires_at: now + 60_000 });
    await expect(
      store.createSession({ id: 'd2', token_hash: 'dup', user_id: userId, expires_at: now + 60_000 }),
    ).rejects.toThrow();
    expect(await store.findSessionByTokenHash('dup')).toMatchObject({ id: 'd1' });
  });

  it('counts login attempts in fixed windows and removes ended ones', async () => {
    const t = 1_000_000;
    expect(await store.countLoginAttempt('k', 1000, t)).toEqual({ count: 1, resetAt: t + 1000 });
    expect(await store.countLoginAttempt('k', 1000, t + 500)).toEqual({ count: 2, resetAt: t + 1000 });
    expect(await store.countLoginAttempt('other', 1000, t + 500)).toEqual({ count: 1, resetAt: t + 1500 });
    // The window ended: a new one starts.
    expect(await store.countLoginAttempt('k', 1000, t + 1000)).toEqual({ count: 1, resetAt: t + 2000 });
    await store.deleteExpiredLoginAttempts(t + 1500);
    expect(await store.countLoginAttempt('other', 1000, t + 1600)).toEqual({ count: 1, resetAt: t + 2600 });
    expect(await store.countLoginAttempt('k', 1000, t + 1600)).toEqual({ count: 2, resetAt: t + 2000 });
  });

  it('takes token issuance under the limit per user and epoch, and drops old epochs', async () => {
    expect(await store.takeIssuance(userId, 7, 3, 5)).toBe(true);
    expect(await store.takeIssuance(userId, 7, 3, 5)).toBe(false); // 6 > 5: nothing taken
    expect(await store.takeIssuance(userId, 7, 2, 5)).toBe(true); // exactly 5
    expect(await store.takeIssuance(userId, 7, 1, 5)).toBe(false);
    expect(await store.takeIssuance(userId, 8, 5, 5)).toBe(true); // a new epoch
    expect(await store.takeIssuance(userId, 9, 6, 5)).toBe(false); // more than the limit at once
    expect(await store.takeIssuance(userId, 9, 0, 5)).toBe(true);
    await store.dropIssuanceBefore(8);
    expect(await store.takeIssuance(userId, 7, 5, 5)).toBe(true); // epoch 7 was forgotten
    expect(await store.takeIssuance(userId, 8, 1, 5)).toBe(false); // epoch 8 was kept
  });

  it('refuses nonsense issuance arguments with a clear error', async () => {
    await expect(store.takeIssuance(userId, 1, -1, 5)).rejects.toThrow(/count must be an integer >= 0/);
    await expect(store.takeIssuance(userId, 1.5, 1, 5)).rejects.toThrow(/epoch must be an integer/);
  });

  it('never issues more than the limit when two stores take at the same time', async () => {
    const url = await databases.newDatabase(engine);
    const [a, b] = [await AccountStore.open(url), await AccountStore.open(url)];
    try {
      await a.upsertUser(USER);
      const id = (await a.findUserByEmail(USER.email))!.id;
      const takes = Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).takeIssuance(id, 1, 1, 25));
      const granted = (await Promise.all(takes)).filter(Boolean).length;
      expect(granted).toBe(25);
      // Both stores see the one count.
      expect(await a.takeIssuance(id, 1, 1, 25)).toBe(false);
      expect(await b.takeIssuance(id, 1, 1, 26)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('opens an existing database again without migrating twice', async () => {
    const url = await databases.newDatabase(engine);
    const first = await AccountStore.open(url);
    await first.upsertUser(USER);
    await first.close();
    const again = await AccountStore.open(url);
    expect(await again.findUserByEmail(USER.email)).toMatchObject({ email: USER.email });
    await again.close();
  });
});

/** Every table and its columns, as SQLite describes them. */
function sqliteSchema(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db
          .prepare<[], { name: string }>(`PRAGMA table_info(${name})`)
          .all()
          .map((c) => c.name),
      ]),
    );
  } finally {
    db.close();
  }
}

function sqliteRows(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('account database in SQLite', () => {
  let provider: TestProvider;
  let token: string;
  let proxyPassword: string;

  beforeAll(async () => {
    provider = await startTestProvider();
    // One wrong attempt first, so that the rate-limit table has rows.
    await api(provider.accountUrl, 'POST', '/v1/sessions', { body: { email: DEMO.email, password: 'wrong' } });
    token = await login(provider.accountUrl);
    const [issued] = await mintTestTokens(provider.accountUrl, token, [{ regionId: 'de-fra' }]);
    proxyPassword = issued?.password ?? '';
    await api(provider.accountUrl, 'GET', '/v1/account', { token });
  });
  afterAll(() => provider?.dispose());

  it('holds exactly the allowed tables and columns', () => {
    const schema = sqliteSchema(provider.database);
    for (const table of KYSELY_TABLES) delete schema[table];
    expect(schema).toEqual(SCHEMA);
  });

  it('stores the session under its public id with the sha256 of the token', () => {
    expect(sqliteRows(provider.database, 'SELECT id, token_hash FROM sessions')).toEqual([
      { id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), token_hash: hashToken(token) },
    ]);
    const [user] = sqliteRows(provider.database, 'SELECT email, password_hash FROM users');
    expect(user).toEqual({
      email: DEMO.email,
      password_hash: expect.stringMatching(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/),
    });
  });

  it('keeps login attempts only under keyed hashes: no email, no address', () => {
    const attempts = sqliteRows(provider.database, 'SELECT key_hash, count FROM login_attempts');
    expect(attempts).toEqual([
      { key_hash: expect.stringMatching(/^[0-9a-f]{64}$/), count: 2 },
      { key_hash: expect.stringMatching(/^[0-9a-f]{64}$/), count: 2 },
    ]);
  });

  it('has no plaintext token, password, access token, or address anywhere in the file', async () => {
    const bytes = await readFile(provider.database);
    for (const secret of [token, DEMO.password, proxyPassword, proxyPassword.slice(100, 140)]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // All requests came from 127.0.0.1; the email is in users, but not as a rate-limit key.
    expect(bytes.includes(Buffer.from('127.0.0.1'))).toBe(false);
    expect(bytes.includes(Buffer.from(`email:${DEMO.email}`))).toBe(false);
  });

  it('is readable by its owner only, with a rollback journal and secure_delete', async () => {
    expect((await stat(provider.database)).mode & 0o077).toBe(0);
    // The journal mode is persistent in the file: WAL would have left a -wal file next to it.
    const db = new Database(provider.database, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
  });

  it('logout deletes the row and its bytes (secure_delete)', async () => {
    const [session] = sqliteRows(provider.database, 'SELECT id FROM sessions') as Array<{ id: string }>;
    const publicId = session?.id ?? '';
    expect((await api(provider.accountUrl, 'DELETE', '/v1/sessions/current', { token })).status).toBe(204);
    expect(sqliteRows(provider.database, 'SELECT id FROM sessions')).toEqual([]);
    const bytes = await readFile(provider.database);
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(false);
    expect(publicId.length).toBeGreaterThan(10);
    expect(bytes.includes(Buffer.from(publicId))).toBe(false);
  });

  it('adopts a file of the schema before migrations, keeping its users', async () => {
    const file = await databases.newDatabase('sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
      plan TEXT NOT NULL, plan_expires_at INTEGER);
      CREATE TABLE sessions (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE, expires_at INTEGER NOT NULL);
      CREATE INDEX sessions_user ON sessions(user_id);
      INSERT INTO users (email, password_hash, plan) VALUES ('old@zone.test', 'scrypt$old', 'premium');`);
    old.close();
    const store = await AccountStore.open(file);
    try {
      expect(await store.findUserByEmail('old@zone.test')).toMatchObject({ id: 1, plan: 'premium' });
      expect(await store.takeIssuance(1, 1, 1, 1)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('account database in PostgreSQL', () => {
  let provider: TestProvider;
  let url: string;
  let token: string;

  beforeAll(async () => {
    url = await databases.newDatabase('postgres');
    provider = await startTestProvider({ database: url });
    await api(provider.accountUrl, 'POST', '/v1/sessions', { body: { email: DEMO.email, password: 'wrong' } });
    token = await login(provider.accountUrl);
    await api(provider.accountUrl, 'POST', '/v1/proxy-credentials', { token });
  }, 60_000);
  afterAll(() => provider?.dispose());

  const query = async (sql: string): Promise<Array<Record<string, unknown>>> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('holds exactly the allowed tables and columns', async () => {
    const columns = await query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
       ORDER BY table_name, ordinal_position`,
    );
    const schema: Record<string, string[]> = {};
    for (const { table_name, column_name } of columns as Array<{ table_name: string; column_name: string }>) {
      if (!KYSELY_TABLES.includes(table_name)) (schema[table_name] ??= []).push(column_name);
    }
    expect(schema).toEqual(SCHEMA);
  });

  it('holds the session under the token hash and no address, email key or secret in any row', async () => {
    expect(await query('SELECT token_hash FROM sessions')).toEqual([{ token_hash: hashToken(token) }]);
    const dump = JSON.stringify(await Promise.all(Object.keys(SCHEMA).map((table) => query(`SELECT * FROM ${table}`))));
    for (const needle of ['127.0.0.1', `email:${DEMO.email}`, token, DEMO.password]) {
      expect(dump.includes(needle)).toBe(false);
    }
  });
});
