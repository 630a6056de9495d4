/**
 * The versioned schema, one list for both engines (kysely's Migrator records what ran in
 * kysely_migration and takes a lock, so nodes starting together migrate once). Only the id column
 * type differs: SQLite's INTEGER PRIMARY KEY is its row id, PostgreSQL needs a sequence. Never edit
 * a migration that has shipped: add the next one.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Engine } from './connect.ts';

export function migrations(engine: Engine): Record<string, Migration> {
  return {
    // The pre-kysely SQLite schema, hence IF NOT EXISTS: an existing file is adopted as it is.
    '0001_users_sessions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .ifNotExists()
          .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('plan', 'text', (c) => c.notNull())
          .addColumn('plan_expires_at', 'bigint')
          .execute();
        await db.schema
          .createTable('sessions')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute();
      },
    },
    '0002_login_attempts_token_issuance': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('login_attempts')
          .addColumn('key_hash', 'text', (c) => c.primaryKey())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addColumn('reset_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('login_attempts_reset').on('login_attempts').column('reset_at').execute();
        await db.schema
          .createTable('token_issuance')
          .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('epoch', 'bigint', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('token_issuance_pk', ['user_id', 'epoch'])
          .execute();
        await db.schema.createIndex('token_issuance_epoch').on('token_issuance').column('epoch').execute();
      },
    },
    // Site sign-up (server/site/): an account is unusable until its email is approved through a
    // single-use link, of which only the SHA-256 is kept. Existing accounts count as approved.
    '0003_approvals': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('users')
          .addColumn('approved', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('pending_approvals')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('pending_approvals_user').on('pending_approvals').column('user_id').execute();
        await db.schema.createIndex('pending_approvals_expires').on('pending_approvals').column('expires_at').execute();
      },
    },
    // Password reset by mail (server/site/password.ts): single-use links, only their SHA-256 kept.
    '0004_password_resets': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('password_resets')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();
        await db.schema.createIndex('password_resets_expires').on('password_resets').column('expires_at').execute();
      },
    },
  };
}
