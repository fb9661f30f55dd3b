// SQLSTATE classes of a server that answered and would not start a session: 53 insufficient
// resources (53300 too_many_connections, 53200 out of memory), 28 authorization (28P01 bad
// password), and 3D000 (no such database). 57P03 (starting up, shutting down) is not among
// them: that server is coming back, and the pool should find it again quickly.
const CLASSES = ['53', '28'];
const CODES = new Set(['3D000']);

/**
 * Whether a failed connect is PostgreSQL (or PgBouncer relaying it) refusing the session rather
 * than not being reached. Judged by SQLSTATE only.
 */
export function isPgSessionRefused(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && (CODES.has(code) || CLASSES.includes(code.slice(0, 2)));
}
