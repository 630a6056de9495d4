/**
 * Is this error the database being away (stopped, restarting, unreachable, out of connections)
 * rather than a bug? Such errors become 503 `service_unavailable`; anything else stays a 500.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin shutdown, crash
// shutdown, cannot connect now), 53300 (too many connections).
const POSTGRES_STATES = /^(08\d{3}|57P0[1-3]|53300)$/;
// pg reports a dropped or never-opened connection only in the message.
const POSTGRES_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;
// SQLite: another process holds the file's lock for longer than the busy timeout.
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_STATES.test(code) || SQLITE_CODES.has(code))) {
      return true;
    }
    if (POSTGRES_MESSAGES.test(e.message)) return true;
    // Node's AggregateError from a connect to several addresses (e.g. localhost).
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}
