/**
 * The account store: every query of the account service, one code for both engines (SQLite, the
 * embedded default, and PostgreSQL for several nodes; server/account/db/connect.ts). It holds ONLY
 * what the privacy policy allows (server/account/db/schema.ts): users, sessions under the hash of
 * their token, login attempts of the current window under a keyed hash of the email or address,
 * and per-epoch token counts. No addresses, no creation or last-use times, no request logs.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describeDatabase, openDatabase } from './db/connect.ts';
import type { Engine } from './db/connect.ts';
import type { AccountDatabase } from './db/schema.ts';

export interface UserRow {
  id: number;
  email: string;
  password_hash: string;
  plan: string;
  plan_expires_at: number | null;
  /** 1 once the email is approved; an unapproved account cannot sign in. */
  approved: number;
}

/** What visiting an approval link did. */
export type ApprovalResult = 'approved' | 'expired' | 'unknown';

/** What a single-use link (approval, password reset) would do now. */
export type LinkState = 'valid' | 'expired' | 'unknown';

/** What using a password-reset link did. */
export type ResetResult = 'reset' | 'expired' | 'unknown';

export interface SessionRow {
  id: string;
  user_id: number;
  expires_at: number;
}

export class AccountStore {
  readonly #db: Kysely<AccountDatabase>;
  /** 'sqlite' or 'postgres'. */
  readonly engine: Engine;
  /** The database setting, password masked. */
  readonly description: string;

  private constructor(db: Kysely<AccountDatabase>, engine: Engine, description: string) {
    this.#db = db;
    this.engine = engine;
    this.description = description;
  }

  /** A SQLite file path (or ':memory:') or a postgres:// URL; migrates the schema to the latest. */
  static async open(database: string): Promise<AccountStore> {
    const { db, engine } = await openDatabase(database);
    return new AccountStore(db, engine, describeDatabase(database));
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async getUser(id: number): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Creates the user, or replaces the password hash and plan of an existing one. */
  async upsertUser(user: Omit<UserRow, 'id' | 'approved'>): Promise<void> {
    await this.#db
      .insertInto('users')
      .values(user)
      .onConflict((oc) =>
        oc.column('email').doUpdateSet((eb) => ({
          password_hash: eb.ref('excluded.password_hash'),
          plan: eb.ref('excluded.plan'),
          plan_expires_at: eb.ref('excluded.plan_expires_at'),
        })),
      )
      .execute();
  }

  /**
   * Creates an unapproved account with its approval link's hash, in one transaction. False (and
   * nothing written) when the email is taken, also when a concurrent sign-up just took it.
   */
  async createPendingUser(
    user: Omit<UserRow, 'id' | 'approved'>,
    approval: { token_hash: string; expires_at: number },
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({ ...user, approved: 0 })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      await trx
        .insertInto('pending_approvals')
        .values({ ...approval, user_id: row.id })
        .execute();
      return true;
    });
  }

  /**
   * Uses the approval link with this hash: the link is deleted in the same statement that reads it,
   * so of two concurrent visits only one approves. An expired link's unapproved account is deleted.
   */
  async approve(tokenHash: string, now: number): Promise<ApprovalResult> {
    return this.#db.transaction().execute(async (trx) => {
      const link = await trx
        .deleteFrom('pending_approvals')
        .where('token_hash', '=', tokenHash)
        .returning(['user_id', 'expires_at'])
        .executeTakeFirst();
      if (!link) return 'unknown';
      if (link.expires_at <= now) {
        await trx.deleteFrom('users').where('id', '=', link.user_id).where('approved', '=', 0).execute();
        return 'expired';
      }
      await trx.updateTable('users').set({ approved: 1 }).where('id', '=', link.user_id).execute();
      return 'approved';
    });
  }

  /** What the approval link with this hash would do now, changing nothing (the GET of the link). */
  async approvalState(tokenHash: string, now: number): Promise<LinkState> {
    return this.#linkState('pending_approvals', tokenHash, now);
  }

  /** What the password-reset link with this hash would do now, changing nothing. */
  async resetState(tokenHash: string, now: number): Promise<LinkState> {
    return this.#linkState('password_resets', tokenHash, now);
  }

  async #linkState(table: 'pending_approvals' | 'password_resets', tokenHash: string, now: number): Promise<LinkState> {
    const link = await this.#db
      .selectFrom(table)
      .select('expires_at')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!link) return 'unknown';
    return link.expires_at <= now ? 'expired' : 'valid';
  }

  /** Stores a password-reset link for the user, replacing any earlier one (so only the newest works). */
  async createPasswordReset(reset: { token_hash: string; user_id: number; expires_at: number }): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('password_resets').where('user_id', '=', reset.user_id).execute();
      await trx.insertInto('password_resets').values(reset).execute();
    });
  }

  /**
   * Uses the reset link with this hash: deleted in the statement that reads it (single use, also
   * under concurrency); when it was live, sets the new password hash and ends every session of the
   * account, the site's and the extension's, in the same transaction.
   */
  async resetPassword(tokenHash: string, passwordHash: string, now: number): Promise<ResetResult> {
    return this.#db.transaction().execute(async (trx) => {
      const link = await trx
        .deleteFrom('password_resets')
        .where('token_hash', '=', tokenHash)
        .returning(['user_id', 'expires_at'])
        .executeTakeFirst();
      if (!link) return 'unknown';
      if (link.expires_at <= now) return 'expired';
      await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', link.user_id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', link.user_id).execute();
      return 'reset';
    });
  }

  /**
   * Sets a new password hash and ends every other session of the account (the site's and the
   * extension's; `keepSessionId` is the one the change was made in) and any reset link, at once.
   */
  async changePassword(userId: number, passwordHash: string, keepSessionId: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
      await trx.deleteFrom('password_resets').where('user_id', '=', userId).execute();
    });
  }

  async deleteExpiredResets(now: number): Promise<void> {
    await this.#db.deleteFrom('password_resets').where('expires_at', '<=', now).execute();
  }

  /** Deletes the unapproved accounts whose approval link has expired (and the links). */
  async deleteExpiredApprovals(now: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const expired = trx.selectFrom('pending_approvals').select('user_id').where('expires_at', '<=', now);
      await trx.deleteFrom('users').where('approved', '=', 0).where('id', 'in', expired).execute();
      await trx.deleteFrom('pending_approvals').where('expires_at', '<=', now).execute();
    });
  }

  /** Deletes the account and everything of it (sessions, approval and reset links, token counts) at once. */
  async deleteUser(id: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await trx.deleteFrom('pending_approvals').where('user_id', '=', id).execute();
      await trx.deleteFrom('password_resets').where('user_id', '=', id).execute();
      await trx.deleteFrom('token_issuance').where('user_id', '=', id).execute();
      await trx.deleteFrom('users').where('id', '=', id).execute();
    });
  }

  async createSession(session: SessionRow & { token_hash: string }): Promise<void> {
    await this.#db.insertInto('sessions').values(session).execute();
  }

  async findSessionByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.#db
      .selectFrom('sessions')
      .select(['id', 'user_id', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async countSessions(userId: number): Promise<number> {
    const row = await this.#db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async deleteSession(id: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends every session of the user: the site's and the extension's ("log out everywhere"). */
  async deleteUserSessions(userId: number): Promise<void> {
    await this.#db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(now: number): Promise<void> {
    await this.#db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }

  /**
   * Counts one login attempt under `keyHash` in a fixed window of `windowMs` (a new window starts
   * when the last one has ended), in one atomic statement. Returns the attempts in the window,
   * this one included, and when the window ends.
   */
  async countLoginAttempt(keyHash: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
    const row = await this.#db
      .insertInto('login_attempts')
      .values({ key_hash: keyHash, count: 1, reset_at: now + windowMs })
      .onConflict((oc) =>
        oc.column('key_hash').doUpdateSet({
          count: sql<number>`CASE WHEN login_attempts.reset_at <= ${now} THEN 1 ELSE login_attempts.count + 1 END`,
          reset_at: sql<number>`CASE WHEN login_attempts.reset_at <= ${now} THEN ${now + windowMs}
            ELSE login_attempts.reset_at END`,
        }),
      )
      .returning(['count', 'reset_at'])
      .executeTakeFirstOrThrow();
    return { count: row.count, resetAt: row.reset_at };
  }

  /** Removes the attempts of windows that have ended. */
  async deleteExpiredLoginAttempts(now: number): Promise<void> {
    await this.#db.deleteFrom('login_attempts').where('reset_at', '<=', now).execute();
  }

  /** Forgets these counters now, whatever their window (an account's email keys when it is deleted). */
  async deleteLoginAttempts(keyHashes: readonly string[]): Promise<void> {
    if (keyHashes.length === 0) return;
    await this.#db
      .deleteFrom('login_attempts')
      .where('key_hash', 'in', [...keyHashes])
      .execute();
  }

  /**
   * Takes `count` tokens from the user's allowance of `limit` for `epoch`: true (and counted) when
   * they fit, false (and nothing changes) when not. One atomic statement, so nodes calling at the
   * same time on PostgreSQL never hand out more than `limit` together.
   */
  async takeIssuance(userId: number, epoch: number, count: number, limit: number): Promise<boolean> {
    for (const [name, value] of Object.entries({ userId, epoch, count, limit })) {
      if (!Number.isSafeInteger(value) || value < 0)
        throw new RangeError(`takeIssuance: ${name} must be an integer >= 0`);
    }
    if (count === 0) return true;
    if (count > limit) return false;
    const row = await this.#db
      .insertInto('token_issuance')
      .values({ user_id: userId, epoch, count })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'epoch'])
          .doUpdateSet({ count: sql<number>`token_issuance.count + excluded.count` })
          .where(sql<number>`token_issuance.count + excluded.count`, '<=', limit),
      )
      .returning('count')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Forgets the counts of epochs before `epoch`. */
  async dropIssuanceBefore(epoch: number): Promise<void> {
    await this.#db.deleteFrom('token_issuance').where('epoch', '<', epoch).execute();
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}
