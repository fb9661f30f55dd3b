/** Socket-level error codes: the connection is gone whatever the database. */
const SOCKET_ERROR_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH',
  'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ENETRESET', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED',
]);

// mysql2's own codes for a connection it lost or can no longer trust.
const PROTOCOL_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'PROTOCOL_PACKETS_OUT_OF_ORDER',
  'PROTOCOL_UNEXPECTED_PACKET', 'PROTOCOL_ENQUEUE_AFTER_QUIT', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
]);

// Server errors that end the session: ER_SERVER_SHUTDOWN 1053, ER_NET_* 1158–1161,
// ER_CONNECTION_KILLED 1927 (MariaDB), ER_CLIENT_INTERACTION_TIMEOUT 4031 (MySQL 8.0.24+),
// and the client-side "server gone" codes CR_SERVER_GONE_ERROR 2006, CR_SERVER_LOST 2013
// (relayed by proxies such as ProxySQL).
const SERVER_CODES = new Set([
  'ER_SERVER_SHUTDOWN', 'ER_NET_READ_ERROR', 'ER_NET_READ_INTERRUPTED', 'ER_NET_ERROR_ON_WRITE',
  'ER_NET_WRITE_INTERRUPTED', 'ER_CONNECTION_KILLED', 'ER_CLIENT_INTERACTION_TIMEOUT',
  'CR_SERVER_GONE_ERROR', 'CR_SERVER_LOST',
]);
const SERVER_ERRNOS = new Set([1053, 1158, 1159, 1160, 1161, 1927, 4031, 2006, 2013]);

/**
 * Whether an error from mysql2 means the connection is dead (or must never be reused): a socket
 * error, mysql2's PROTOCOL_* codes (PROTOCOL_SEQUENCE_TIMEOUT is a per-query `timeout` that left
 * its statement in flight: the next command would queue behind it), any error mysql2 marks
 * `fatal` (it closes the connection after one), or a server error that ends the session
 * (shutdown, killed, interaction timeout, server gone). Judged by code and errno only, never by
 * the message or the SQLSTATE, which a user's statement can choose (`SIGNAL SQLSTATE '08S01'
 * SET MESSAGE_TEXT = 'Connection lost'`). ER_QUERY_INTERRUPTED (KILL QUERY) and lock errors
 * leave the connection usable: not these.
 */
export function isMysqlDisconnect(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno, fatal, errors } = error as { code?: unknown; errno?: unknown; fatal?: unknown; errors?: unknown };
  if (fatal === true) return true;
  if (typeof code === 'string' && (SOCKET_ERROR_CODES.has(code) || PROTOCOL_CODES.has(code) || SERVER_CODES.has(code))) return true;
  if (typeof errno === 'number' && SERVER_ERRNOS.has(errno)) return true;
  // Node's happy-eyeballs connect failure: every address refused.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isMysqlDisconnect);
}
