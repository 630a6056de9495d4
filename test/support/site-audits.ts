/**
 * The privacy audits of the provider's site (issue 16), as pure functions over what a browser
 * holds and what the provider stored, so each can be shown to fail on a planted cookie or column.
 *
 * Cookie audit: the browser holds exactly the site's session id cookie (or none when logged out),
 * HttpOnly, SameSite=Strict, Path=/, no Domain, a random value; over https also Secure with the
 * `__Host-` prefix (server/site/cookies.ts names them).
 *
 * Database audit, in the spirit of the token audit (server/tokens/audit.ts: search what the
 * service stored for marks it must not hold): every column of every table is one the schema
 * documents (server/account/db/schema.ts), and the file, free pages included, holds no client
 * address, no user agent and no time from the journey (no times of use; expiries lie in the future).
 */
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SeenCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
}

/** What a random session id looks like (server/account/tokens.ts newToken: 32 bytes, base64url). */
const SESSION_VALUE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Everything wrong with the browser's cookies for a site at `siteUrl`; `session` says whether the
 * session cookie must be there, must not, or may (a session the server ended while the browser
 * kept its cookie, which then opens nothing). An empty list passes.
 */
export function cookieProblems(
  cookies: SeenCookie[],
  siteUrl: string,
  session: 'present' | 'absent' | 'either',
): string[] {
  const https = new URL(siteUrl).protocol === 'https:';
  const name = https ? '__Host-zone_site' : 'zone_site';
  const problems: string[] = [];
  for (const c of cookies) {
    const at = `${c.name} (${c.domain}${c.path})`;
    if (c.name !== name) {
      problems.push(`unexpected cookie ${at}`);
      continue;
    }
    if (session === 'absent') problems.push(`session cookie ${at} while logged out`);
    if (!c.httpOnly) problems.push(`${at} is not HttpOnly`);
    if (c.sameSite !== 'Strict') problems.push(`${at} is SameSite=${c.sameSite}, not Strict`);
    if (c.path !== '/') problems.push(`${at} has Path=${c.path}`);
    if (c.domain.startsWith('.')) problems.push(`${at} has a Domain attribute`);
    if (https && !c.secure) problems.push(`${at} is not Secure over https`);
    if (!SESSION_VALUE.test(c.value)) problems.push(`${at} does not hold just a random id`);
  }
  if (session === 'present' && !cookies.some((c) => c.name === name)) problems.push(`no session cookie ${name}`);
  return problems;
}

/**
 * The columns the schema documents, by what they hold. Tables may come and go (a reset link's
 * table, say); a column outside this list is reported, whatever its table.
 */
export const DOCUMENTED_COLUMNS: Readonly<Record<string, string>> = {
  id: 'a row id or a random public session id',
  user_id: 'the account a row belongs to',
  email: 'the account email',
  password_hash: 'the scrypt hash of the password',
  plan: 'the plan',
  plan_expires_at: "the plan's expiry",
  approved: 'whether the email is approved',
  token_hash: 'the SHA-256 of a session secret or of a link token',
  expires_at: 'when a session or link expires',
  epoch: "the token key's period a count belongs to (server/account/issuance-counter.ts)",
  count: 'how many tokens or login attempts in the period',
  key_hash: 'a keyed hash (HMAC) of a rate-limit key, "email:…" or "addr:…"',
  reset_at: 'when a rate-limit window ends',
};

export interface DatabaseMarks {
  /** Client addresses the provider saw (the browsers connect from 127.0.0.1). */
  addresses: string[];
  /** The browsers' User-Agent strings. */
  userAgents: string[];
  /** The journey's start and end (ms since the epoch): a stored time inside it is a time of use. */
  window: [number, number];
}

/** Everything the database file at `file` holds that the audit forbids; an empty list passes. */
export function databaseProblems(file: string, marks: DatabaseMarks): string[] {
  const problems: string[] = [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'",
      )
      .all() as Array<{ name: string }>;
    const [start, end] = marks.window;
    const inWindow = (n: number) =>
      (n >= start && n <= end) || (n >= Math.floor(start / 1000) && n <= Math.ceil(end / 1000));
    for (const { name: table } of tables) {
      const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>;
      for (const { name } of columns) {
        if (!(name in DOCUMENTED_COLUMNS)) problems.push(`undocumented column ${table}.${name}`);
      }
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) {
          const n = typeof value === 'bigint' ? Number(value) : value;
          if (typeof n === 'number' && inWindow(n)) problems.push(`${table}.${column} holds a time of use (${n})`);
        }
      }
    }
  } finally {
    db.close();
  }
  // The bytes, free pages included (secure_delete zeroes deleted rows: server/account/db/connect.ts).
  const bytes = readFileSync(file).toString('latin1');
  for (const address of marks.addresses) {
    if (bytes.includes(address)) problems.push(`the file holds the address ${address}`);
  }
  for (const agent of marks.userAgents) {
    if (bytes.includes(agent)) problems.push(`the file holds the user agent ${agent}`);
  }
  if (bytes.includes('Mozilla/5.0')) problems.push('the file holds a user agent (Mozilla/5.0)');
  return problems;
}

/** Where the file still holds `email`: in plain or as a rate-limit key's HMAC under `rateLimitKey`. */
export function emailTraces(file: string, email: string, rateLimitKey: string): string[] {
  const bytes = readFileSync(file).toString('latin1');
  const traces = bytes.includes(email) ? ['the email in plain'] : [];
  // The login and sign-up limits count per "email:…" and "signup-email:…" (server/site/, server/account/).
  for (const prefix of ['email:', 'signup-email:', 'reset-email:']) {
    const hash = createHmac('sha256', rateLimitKey).update(`${prefix}${email}`, 'utf8').digest('hex');
    if (bytes.includes(hash)) traces.push(`the rate-limit key "${prefix}<email>" (its HMAC)`);
  }
  return traces;
}
