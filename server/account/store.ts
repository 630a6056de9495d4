/**
 * The account database (better-sqlite3). It holds ONLY what the privacy policy allows:
 *   users(id, email, password_hash, plan, plan_expires_at)
 *   sessions(id = random public id, token_hash = sha256(token), user_id, expires_at)
 * No addresses, no creation or last-use times, no request logs. secure_delete zeroes deleted rows
 * (logged-out sessions, replaced password hashes) instead of leaving them in free pages, and the
 * rollback journal (not WAL) keeps everything in the one file, created readable by its owner only.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface UserRow {
  id: number;
  email: string;
  password_hash: string;
  plan: string;
  plan_expires_at: number | null;
}

export interface SessionRow {
  id: string;
  user_id: number;
  expires_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  plan TEXT NOT NULL,
  plan_expires_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
`;

export class AccountStore {
  readonly #db: Database;

  constructor(path: string) {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      closeSync(openSync(path, 'a', 0o600));
    }
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = DELETE');
    this.#db.pragma('secure_delete = ON');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(SCHEMA);
  }

  findUserByEmail(email: string): UserRow | undefined {
    return this.#db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
  }

  getUser(id: number): UserRow | undefined {
    return this.#db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
  }

  /** Creates the user, or replaces the password hash and plan of an existing one. */
  upsertUser(user: Omit<UserRow, 'id'>): void {
    this.#db
      .prepare<[string, string, string, number | null]>(
        `INSERT INTO users (email, password_hash, plan, plan_expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash,
           plan = excluded.plan, plan_expires_at = excluded.plan_expires_at`,
      )
      .run(user.email, user.password_hash, user.plan, user.plan_expires_at);
  }

  createSession(session: SessionRow & { token_hash: string }): void {
    this.#db
      .prepare<[string, string, number, number]>(
        'INSERT INTO sessions (id, token_hash, user_id, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(session.id, session.token_hash, session.user_id, session.expires_at);
  }

  findSessionByTokenHash(tokenHash: string): SessionRow | undefined {
    return this.#db
      .prepare<[string], SessionRow>('SELECT id, user_id, expires_at FROM sessions WHERE token_hash = ?')
      .get(tokenHash);
  }

  deleteSession(id: string): void {
    this.#db.prepare<[string]>('DELETE FROM sessions WHERE id = ?').run(id);
  }

  deleteExpiredSessions(now: number): void {
    this.#db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
