import type { MysqlConnection } from '../mysql-connection.js';
import type { MysqlLibrary, MysqlQueryCommand } from './load-mysql.js';

// mysql2's pool.query and pool.execute, over the adapter's getConnection: check out, run one
// statement, give back; a connection that says the server went read-only (a failover) is
// destroyed instead, as mysql2's pool does (ER_OPTION_PREVENTS_STATEMENT 1290,
// ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION 1792, ER_READ_ONLY_MODE 1836).
const READ_ONLY_ERRNOS = new Set([1290, 1792, 1836]);

type Callback = (error: unknown, rows?: unknown, fields?: unknown) => void;

/** A checked-out connection, as these two functions use it. */
interface Lent {
  query(command: MysqlQueryCommand): { once(event: 'end', listener: () => void): unknown };
  execute(sql: unknown, values: unknown, callback: Callback): { once(event: 'end', listener: () => void): unknown };
  release(): void;
  destroy(): void;
}

/** The adapter, as these two functions use it. */
export interface StatementHost {
  readonly config: { readonly connectionConfig: Record<string, unknown> };
  getConnection(callback: (error: Error | null, connection?: MysqlConnection) => void): void;
}

/** `pool.query(sql, values?, callback?)`: the Query command is returned at once, as mysql2 returns it (`.stream()`, events). */
export function poolQuery(host: StatementHost, mysql: MysqlLibrary, sql: unknown, values: unknown, callback: unknown): MysqlQueryCommand {
  const config = host.config.connectionConfig;
  const command = mysql.createQuery(sql, values, callback, config);
  command.namedPlaceholders ??= config.namedPlaceholders;
  host.getConnection((error, connection) => {
    const lent = connection as Lent | undefined;
    if (error !== null || lent === undefined) return fail(command, error);
    let queryError: unknown = null;
    const onResult = command.onResult;
    if (typeof onResult === 'function') {
      command.onResult = (failure: unknown, ...results: unknown[]) => {
        queryError = failure ?? null;
        return onResult(failure, ...results);
      };
    } else {
      command.once('error', (failure) => void (queryError = failure));
    }
    try {
      lent.query(command).once('end', () => (isReadOnly(queryError) ? lent.destroy() : lent.release()));
    } catch (thrown) {
      lent.release();
      fail(command, thrown);
    }
  });
  return command;
}

/** `pool.execute(sql, values?, callback)`: a prepared statement (mysql2 caches it per connection). */
export function poolExecute(host: StatementHost, sql: unknown, values: unknown, callback: Callback): void {
  host.getConnection((error, connection) => {
    const lent = connection as Lent | undefined;
    if (error !== null || lent === undefined) return callback(error);
    try {
      lent.execute(sql, values, (failure, rows, fields) => {
        if (isReadOnly(failure)) lent.destroy();
        callback(failure, rows, fields);
      }).once('end', () => lent.release());
    } catch (thrown) {
      lent.release();
      callback(thrown);
    }
  });
}

function fail(command: MysqlQueryCommand, error: unknown): void {
  if (typeof command.onResult === 'function') command.onResult(error);
  else command.emit('error', error);
}

function isReadOnly(error: unknown): boolean {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number' && READ_ONLY_ERRNOS.has(errno);
}
