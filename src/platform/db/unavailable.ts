/**
 * True when `error` says the database cannot be reached right now — not that a query was
 * wrong. Such a request is answered 503 (try again shortly) rather than 500, and nothing
 * of it was committed unless the connection broke during the COMMIT itself.
 *
 * PostgreSQL (node-postgres): the server refuses or drops the connection while it is down
 * or restarting (ECONNREFUSED, ECONNRESET, "Connection terminated unexpectedly"), ends the
 * sessions when it is stopped (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot
 * connect now: starting up or shutting down), any connection exception (SQLSTATE class 08),
 * too many connections (53300), or the pool gives up waiting for a connection.
 * SQLite: the file stayed locked longer than busy_timeout (SQLITE_BUSY), the disk is full.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string") {
      if (NETWORK_CODES.has(code) || code.startsWith("08") || PG_CODES.has(code)) return true;
      if (code === "SQLITE_BUSY" || code === "SQLITE_FULL") return true;
    }
    if (typeof message === "string" && PG_MESSAGES.test(message)) return true;
    // Node reports a refused connection to several addresses (localhost: ::1 and 127.0.0.1) as one AggregateError.
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const PG_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
const PG_MESSAGES =
  /^(Connection terminated( unexpectedly)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect)/;
