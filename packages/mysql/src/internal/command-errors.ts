/** Where the errors of a connection's commands go while someone listens: an error and nothing else. */
export type ErrorSink = (error: unknown) => void;

/** A mysql2 command as queued on a connection: callback mode (`onResult`) or event mode (`emit('error')`). */
interface MysqlCommand {
  onResult?: ((error: unknown, ...results: unknown[]) => unknown) | null;
  emit: (this: MysqlCommand, event: string | symbol, ...args: unknown[]) => boolean;
}

/** mysql2 queues every command, the driver's and the application's own, through `addCommand`. */
interface CommandQueue {
  addCommand?: (command: MysqlCommand) => unknown;
}

const byConnection = new WeakMap<object, CommandErrors>();

/**
 * The errors of the statements a library sends straight to a mysql2 connection (not through
 * `conn.query`), so that the pool still hears of a disconnect. mysql2 hands a statement's error
 * to its callback (`onResult`) or emits it on the command; both are seen here, as long as a sink
 * is set, and nothing is wrapped while none is (the common case costs one property read).
 */
export class CommandErrors {
  /** Receives every error of a command queued while it is set; `undefined`: nobody listens. */
  sink: ErrorSink | undefined;

  /** Start watching every command queued on `connection` (once, when the driver opens it). */
  static attach(connection: object): CommandErrors {
    const errors = new CommandErrors();
    byConnection.set(connection, errors);
    const queue = connection as CommandQueue;
    const add = queue.addCommand;
    if (typeof add !== 'function') return errors;
    // An own property over the one TransactionTracker set; mysql2 replaces it itself once closed.
    queue.addCommand = function (this: unknown, command: MysqlCommand) {
      const sink = errors.sink;
      if (sink !== undefined) observe(command, sink);
      return add.call(this, command);
    };
    return errors;
  }

  /** The watcher of a connection this driver opened, or `undefined` for any other object. */
  static of(connection: object): CommandErrors | undefined {
    return byConnection.get(connection);
  }
}

/** Report the command's error to `sink` (captured when queued: the checkout that sent it), then deliver it as before. */
function observe(command: MysqlCommand, sink: ErrorSink): void {
  const onResult = command.onResult;
  if (typeof onResult === 'function') {
    command.onResult = function (this: unknown, error: unknown, ...results: unknown[]) {
      if (error) sink(error);
      return onResult.call(this, error, ...results);
    };
  }
  const emit = command.emit;
  command.emit = function (this: MysqlCommand, event: string | symbol, ...args: unknown[]) {
    if (event === 'error') sink(args[0]);
    return emit.call(this, event, ...args);
  };
}
