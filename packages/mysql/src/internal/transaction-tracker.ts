// Server status flags of the OK packet (MySQL and MariaDB protocol).
const SERVER_STATUS_IN_TRANS = 0x0001;
const SERVER_STATUS_AUTOCOMMIT = 0x0002;

// mysql2 commands that never change the transaction state.
const NEUTRAL = new Set(['ClientHandshake', 'Ping', 'Prepare', 'CloseStatement', 'Quit']);
// Statements whose OK packets carry the status flags.
const STATEMENTS = new Set(['Query', 'Execute']);

/** A mysql2 command (Query, Execute, Ping, …) as queued on a connection. */
interface MysqlCommand {
  on(event: 'result' | 'fields', listener: (value: unknown) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** mysql2 queues every command, the driver's and the application's own, through `addCommand`. */
interface CommandQueue {
  addCommand?: (command: MysqlCommand) => unknown;
}

/**
 * Whether a mysql2 connection is inside a transaction, read from the server's own status
 * flags (SERVER_STATUS_IN_TRANS, SERVER_STATUS_AUTOCOMMIT) in the OK packet of every statement
 * sent on it, by the driver or through `conn.raw`. mysql2 does not expose the flags of the EOF
 * packet that ends a result set, so a statement that returns rows keeps the last known state
 * only while autocommit is on (such a statement cannot open a transaction then). Anything else
 * makes the state unknown, and the pool resets: a fresh connection (init_connect may have run),
 * a statement that failed or returned rows with autocommit off, a command still running,
 * COM_CHANGE_USER / COM_RESET_CONNECTION, or a mysql2 without `addCommand`.
 */
export class TransactionTracker {
  #inTransaction: boolean | undefined;
  #autocommit: boolean | undefined;
  #running = 0;
  #tracking = false;

  /** Start watching every command queued on `connection`. */
  static attach(connection: object): TransactionTracker {
    const tracker = new TransactionTracker();
    const queue = connection as CommandQueue;
    const add = queue.addCommand;
    if (typeof add !== 'function') return tracker;
    // An own property shadows the prototype method; mysql2 replaces it itself once closed.
    queue.addCommand = function (this: unknown, command: MysqlCommand) {
      tracker.#observe(command);
      return add.call(this, command);
    };
    tracker.#tracking = true;
    return tracker;
  }

  /** `false` outside a transaction, `true` inside, `undefined` when not known. */
  get inTransaction(): boolean | undefined {
    return this.#tracking && this.#running === 0 ? this.#inTransaction : undefined;
  }

  #observe(command: MysqlCommand): void {
    const kind = (command as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof kind === 'string' && NEUTRAL.has(kind)) return;
    if (typeof kind !== 'string' || !STATEMENTS.has(kind)) {
      this.#inTransaction = undefined;
      return;
    }
    this.#running++;
    let status: number | undefined;
    let rowsSince = false;
    command.on('result', (value) => {
      if (isOkPacket(value)) {
        status = value.serverStatus;
        rowsSince = false;
      }
    });
    command.on('fields', (fields) => {
      if (fields !== undefined) rowsSince = true;
    });
    command.on('end', () => {
      this.#running--;
      this.#settle(status, rowsSince);
    });
  }

  #settle(status: number | undefined, rowsSince: boolean): void {
    if (status !== undefined) {
      this.#inTransaction = (status & SERVER_STATUS_IN_TRANS) !== 0;
      this.#autocommit = (status & SERVER_STATUS_AUTOCOMMIT) !== 0;
    }
    // Rows after the last OK packet, or no OK packet at all (rows only, or an error): the
    // state is unchanged only if autocommit is on.
    if ((status === undefined || rowsSince) && this.#autocommit !== true) this.#inTransaction = undefined;
  }
}

function isOkPacket(value: unknown): value is { serverStatus: number } {
  if (typeof value !== 'object' || value === null) return false;
  return value.constructor?.name === 'ResultSetHeader' && typeof (value as { serverStatus?: unknown }).serverStatus === 'number';
}
