/** Socket-level error codes: the connection is gone whatever the database. */
export const SOCKET_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH',
  'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ENETRESET', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED', 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC',
]);

// 57P01 admin_shutdown (pg_terminate_backend, fast shutdown), 57P02 crash_shutdown,
// 57P03 cannot_connect_now, 57P04 database_dropped, 57P05 idle_session_timeout.
const SESSION_ENDED = new Set(['57P01', '57P02', '57P03', '57P04', '57P05']);

// A SQLSTATE: five digits or upper-case letters, at least one a digit (which tells it from a
// five-letter errno such as EPIPE).
const SQLSTATE = /^(?=.*\d)[0-9A-Z]{5}$/;

// node-postgres's own words for a connection it can no longer use, or one whose statement it
// gave up on while the statement is still in flight ("Query read timeout", from `query_timeout`:
// the next statement would queue behind the lost one). Only ever matched against errors that did
// not come from the server: a server error's text may be anything a user wrote.
const CLIENT_MESSAGES =
  /Connection terminated|is not queryable|Connection ended|timeout expired|Query read timeout|write after end|socket hang up|Received unexpected \w+ message from backend/i;

/**
 * Whether an error from node-postgres means the connection is dead (or must never be reused):
 *
 * - a socket error (`ECONNRESET`, `EPIPE`, …);
 * - a server ErrorResponse, judged by its SQLSTATE and severity only: 57P01–57P05, class 08, or
 *   any FATAL or PANIC (the server closes the session after sending one). Its message is never
 *   read, so `SELECT 'Connection terminated'::int` (22P02) is an ordinary error;
 * - a client-side error without a SQLSTATE: node-postgres's "Connection terminated" and "not
 *   queryable" errors, a protocol desync, and `query_timeout`'s "Query read timeout".
 *
 * Query errors such as 57014 (statement_timeout, cancel) leave the session usable: not these.
 */
export function isPgDisconnect(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, severity, message, errors } = error as { code?: unknown; severity?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && SOCKET_ERROR_CODES.has(code)) return true;
  if (typeof severity === 'string' || (typeof code === 'string' && SQLSTATE.test(code))) return serverErrorEndsSession(code, severity);
  if (typeof message === 'string' && CLIENT_MESSAGES.test(message)) return true;
  // Node's happy-eyeballs connect failure: every address refused.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isPgDisconnect);
}

/** A server ErrorResponse (node-postgres's DatabaseError) ends the session only by its code or severity. */
function serverErrorEndsSession(code: unknown, severity: unknown): boolean {
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return typeof code === 'string' && (SESSION_ENDED.has(code) || code.startsWith('08'));
}
