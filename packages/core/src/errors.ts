/** Stable codes carried by every error `@pool` throws. */
export type PoolErrorCode =
  | 'POOL_TIMEOUT'
  | 'POOL_OVERLOAD'
  | 'POOL_QUERY_TIMEOUT'
  | 'POOL_CLOSED'
  | 'POOL_CONFIG'
  | 'POOL_DRIVER_NOT_FOUND'
  | 'POOL_CONNECTION_RELEASED'
  | 'POOL_CONNECT';

/** Base of every error the pool raises; branch on `code`, which never changes between versions. */
export class PoolError extends Error {
  /** Stable machine-readable code. */
  readonly code: PoolErrorCode;

  constructor(code: PoolErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }

  override get name(): string {
    return this.constructor.name;
  }
}

/** `connect()` waited `poolTimeout` seconds while every connection was checked out. */
export class PoolTimeoutError extends PoolError {
  /** `cause`: the last failed open, when opens were failing while the caller waited. */
  constructor(message: string, options?: ErrorOptions) {
    super('POOL_TIMEOUT', message, options);
  }
}

/** `connect()` refused at once because `maxWaiting` callers are already waiting. */
export class PoolOverloadError extends PoolError {
  constructor(message: string) {
    super('POOL_OVERLOAD', message);
  }
}

/** A statement ran longer than `queryTimeout`; its connection was closed (the server then aborts the statement). */
export class QueryTimeoutError extends PoolError {
  constructor(message: string) {
    super('POOL_QUERY_TIMEOUT', message);
  }
}

/** The pool was disposed while this caller was waiting for a connection. */
export class PoolClosedError extends PoolError {
  constructor(message = 'the pool was disposed while waiting for a connection') {
    super('POOL_CLOSED', message);
  }
}

/** An option, URL or environment variable has a value the pool cannot use. */
export class ConfigError extends PoolError {
  /** The option at fault, in camelCase (`poolSize`), or `url`. */
  readonly option: string;

  constructor(option: string, message: string, options?: ErrorOptions) {
    super('POOL_CONFIG', message, options);
    this.option = option;
  }
}

/** The URL names a known database whose driver package is not installed. */
export class DriverNotFoundError extends PoolError {
  /** The npm package to install, e.g. `@pool/pg`. */
  readonly packageName: string;

  constructor(packageName: string, message: string, options?: ErrorOptions) {
    super('POOL_DRIVER_NOT_FOUND', message, options);
    this.packageName = packageName;
  }
}

/** A connection was used after `release()`, `invalidate()` or a disconnect took it away. */
export class ConnectionReleasedError extends PoolError {
  constructor(message = 'this connection was released to the pool and can no longer be used') {
    super('POOL_CONNECTION_RELEASED', message);
  }
}

/** Opening a connection failed or exceeded `connectTimeout`; the driver's error is the `cause`. */
export class ConnectError extends PoolError {
  constructor(message: string, options?: ErrorOptions) {
    super('POOL_CONNECT', message, options);
  }
}
