/**
 * The `error.type` of a failed open: low-cardinality, and from the driver's error where there is
 * one, as the conventions ask ("if the original exception is wrapped into a generic one, the
 * original exception SHOULD be preferred"): `ECONNREFUSED`, PostgreSQL's SQLSTATE `28P01`,
 * `ER_ACCESS_DENIED_ERROR`; else @pool's own code (`POOL_CONNECT` for a connect that exceeded
 * `connectTimeout`, `POOL_DRIVER_NOT_FOUND`); else the error's class name; else `_OTHER`.
 */
export function errorType(error: unknown): string {
  const cause = isObject(error) ? error.cause : undefined;
  return codeOf(cause) ?? codeOf(error) ?? nameOf(error) ?? '_OTHER';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function codeOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const { code } = value;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function nameOf(value: unknown): string | undefined {
  // A bare `Error` says nothing a dashboard could group by.
  return value instanceof Error && value.name !== 'Error' ? value.name : undefined;
}
