// Server errors that answer a connect with "no session": ER_CON_COUNT_ERROR 1040 (too many
// connections), ER_OUT_OF_RESOURCES 1041, ER_DBACCESS_DENIED_ERROR 1044, ER_ACCESS_DENIED_ERROR
// 1045, ER_BAD_DB_ERROR 1049, ER_HOST_IS_BLOCKED 1129, ER_HOST_NOT_PRIVILEGED 1130,
// ER_CANT_CREATE_THREAD 1135, ER_TOO_MANY_USER_CONNECTIONS 1203, ER_USER_LIMIT_REACHED 1226.
const ERRNOS = new Set([1040, 1041, 1044, 1045, 1049, 1129, 1130, 1135, 1203, 1226]);

/**
 * Whether a failed connect is MySQL or MariaDB refusing the session (full, out of resources,
 * access denied) rather than not being reached. Judged by errno only.
 */
export function isMysqlSessionRefused(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { errno } = error as { errno?: unknown };
  return typeof errno === 'number' && ERRNOS.has(errno);
}
