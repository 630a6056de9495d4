/**
 * Opens the account database on one of two engines, chosen by the `database` setting:
 *   a postgres:// or postgresql:// URL  PostgreSQL (a pg Pool; it reconnects by itself)
 *   anything else                       a SQLite file path (better-sqlite3), or ':memory:'
 * and brings its schema to the latest migration.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations.ts';
import type { AccountDatabase } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(database: string): Engine {
  return /^postgres(ql)?:\/\//i.test(database) ? 'postgres' : 'sqlite';
}

/** The URL without its password, for printing. */
export function describeDatabase(database: string): string {
  if (engineOf(database) === 'sqlite') return database;
  const url = new URL(database);
  if (url.password) url.password = '***';
  return url.toString();
}

export async function openDatabase(database: string): Promise<{ db: Kysely<AccountDatabase>; engine: Engine }> {
  const engine = engineOf(database);
  const db = new Kysely<AccountDatabase>({
    dialect: engine === 'postgres' ? new PostgresDialect({ pool: postgresPool(database) }) : sqliteDialect(database),
  });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(engine) } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Account database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine };
}

/**
 * One file, readable by its owner only (created 0600 before SQLite opens it); the rollback journal
 * (not WAL) keeps everything in that file; secure_delete zeroes deleted rows (logged-out sessions,
 * replaced password hashes, expired rate-limit rows) instead of leaving them in free pages.
 */
function sqliteDialect(path: string): SqliteDialect {
  return new SqliteDialect({
    database: async () => {
      if (path !== ':memory:') {
        mkdirSync(dirname(path), { recursive: true });
        closeSync(openSync(path, 'a', 0o600));
      }
      const sqlite = new Database(path);
      sqlite.pragma('journal_mode = DELETE');
      sqlite.pragma('secure_delete = ON');
      sqlite.pragma('foreign_keys = ON');
      return sqlite;
    },
  });
}

/** bigint columns hold millisecond times and ids: well inside Number's exact range. */
const BIGINT_OID = 20;

function postgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A request fails fast (503) rather than queueing while the database is away.
    connectionTimeoutMillis: 3000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === BIGINT_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server went away errors here; without a listener the process would exit.
  // The pool drops that client and opens a new one at the next query.
  pool.on('error', () => {});
  return pool;
}
