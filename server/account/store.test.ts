import { readFile, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, api, login, mintTestTokens, startTestProvider } from '../test-support.ts';
import type { TestProvider } from '../test-support.ts';
import { hashToken } from './tokens.ts';

/** Every table and its columns, as SQLite describes them. */
function schemaOf(dbPath: string): Record<string, string[]> {
  const db = new Database(dbPath, { readonly: true });
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

function rows(dbPath: string, sql: string): unknown[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('account database', () => {
  let provider: TestProvider;
  let token: string;
  let proxyPassword: string;

  beforeAll(async () => {
    provider = await startTestProvider();
    token = await login(provider.accountUrl);
    const [issued] = await mintTestTokens(provider.accountUrl, token, [{ regionId: 'de-fra' }]);
    proxyPassword = issued?.password ?? '';
    await api(provider.accountUrl, 'GET', '/v1/account', { token });
  });
  afterAll(() => provider?.dispose());

  it('holds exactly users and sessions with the allowed columns', () => {
    expect(schemaOf(provider.dbPath)).toEqual({
      sessions: ['id', 'token_hash', 'user_id', 'expires_at'],
      users: ['id', 'email', 'password_hash', 'plan', 'plan_expires_at'],
    });
  });

  it('stores the session under its public id with the sha256 of the token', () => {
    expect(rows(provider.dbPath, 'SELECT id, token_hash FROM sessions')).toEqual([
      { id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), token_hash: hashToken(token) },
    ]);
    const [user] = rows(provider.dbPath, 'SELECT email, password_hash FROM users') as Array<{ password_hash: string }>;
    expect(user).toEqual({
      email: DEMO.email,
      password_hash: expect.stringMatching(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/),
    });
  });

  it('has no plaintext token, password or proxy credential anywhere in the file', async () => {
    const bytes = await readFile(provider.dbPath);
    for (const secret of [token, DEMO.password, proxyPassword, proxyPassword.slice(100, 140)]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // No client address either (all requests came from 127.0.0.1).
    expect(bytes.includes(Buffer.from('127.0.0.1'))).toBe(false);
  });

  it('is readable by its owner only', async () => {
    expect((await stat(provider.dbPath)).mode & 0o077).toBe(0);
  });

  it('logout deletes the row and its bytes (secure_delete)', async () => {
    const [session] = rows(provider.dbPath, 'SELECT id FROM sessions') as Array<{ id: string }>;
    const publicId = session?.id ?? '';
    expect((await api(provider.accountUrl, 'DELETE', '/v1/sessions/current', { token })).status).toBe(204);
    expect(rows(provider.dbPath, 'SELECT id FROM sessions')).toEqual([]);
    const bytes = await readFile(provider.dbPath);
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(false);
    expect(publicId.length).toBeGreaterThan(10);
    expect(bytes.includes(Buffer.from(publicId))).toBe(false);
  });
});
