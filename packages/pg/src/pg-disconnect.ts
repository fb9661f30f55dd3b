/** Socket-level error codes: the connection is gone whatever the database. */
export const SOCKET_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH',
  'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ENETRESET', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED', 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC',
]);

// 57P01 admin_shutdown (pg_terminate_backend, fast shutdown), 57P02 crash_shutdown,
// 57P03 cannot_connect_now, 57P04 database_dropped, 57P05 idle_session_timeout.
const SESSION_ENDED = new Set(['57P01', '57P02', '57P03', '57P04', '57P05']);

// node-postgres's own words for a connection it can no longer use.
const MESSAGES = /Connection terminated|is not queryable|Connection ended|timeout expired|write after end|socket hang up/i;

/**
 * Whether an error from node-postgres means the connection is dead: a socket error, a
 * session-ending SQLSTATE (57P01–57P05, class 08), any FATAL or PANIC from the server (it
 * closes the session after sending one), or node-postgres's "Connection terminated" and
 * "not queryable" errors. Query errors such as 57014 (statement timeout, cancel) are not.
 */
export function isPgDisconnect(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, severity, message, errors } = error as { code?: unknown; severity?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (SOCKET_ERROR_CODES.has(code) || SESSION_ENDED.has(code) || code.startsWith('08')) return true;
  }
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  // Node's happy-eyeballs connect failure: every address refused.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isPgDisconnect);
}
