/**
 * The account database's tables, as kysely sees them (server/account/db/migrations.ts creates
 * them). Times are milliseconds since the epoch; there are no creation or last-use times.
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  plan: string;
  plan_expires_at: number | null;
  /** 1 once the email is approved (server/site/); 0 until then. Accounts before 0003 are 1. */
  approved: Generated<number>;
}

export interface SessionsTable {
  /** Random public id (proxy usernames, revocation); the token itself is never stored. */
  id: string;
  /** sha256 of the bearer token, hex. */
  token_hash: string;
  user_id: number;
  expires_at: number;
}

/** Login attempts in the current window, per keyed hash of "email:…" or "addr:…". */
export interface LoginAttemptsTable {
  key_hash: string;
  count: number;
  reset_at: number;
}

/** Tokens issued per user and epoch, so that every node enforces one shared limit. */
export interface TokenIssuanceTable {
  user_id: number;
  epoch: number;
  count: number;
}

/** Approval links of unapproved accounts: only the SHA-256 of the link's token, hex. */
export interface PendingApprovalsTable {
  token_hash: string;
  user_id: number;
  expires_at: number;
}

/** Password-reset links: only the SHA-256 of the link's token, hex; one per account at most. */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  expires_at: number;
}

export interface AccountDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  token_issuance: TokenIssuanceTable;
  pending_approvals: PendingApprovalsTable;
  password_resets: PasswordResetsTable;
}
