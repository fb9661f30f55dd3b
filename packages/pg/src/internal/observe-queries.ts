/** A node-postgres query callback. */
type Callback = (error: unknown, result?: unknown) => void;

/** The part of a pg.Client this module touches: its `query` method, shadowed per checkout. */
export interface QueryableClient {
  query: (...args: unknown[]) => unknown;
}

/**
 * Shadow `client.query` with an own property that shows every failed query to `report`, then
 * passes the error on untouched. A library querying the raw client directly (Kysely, Drizzle,
 * knex, …) thereby tells the pool about a disconnect exactly as `conn.query` would. It covers
 * node-postgres's three forms: a callback (argument or `config.callback`), a returned promise,
 * and a Submittable (pg-cursor, pg-query-stream), whose `handleError` is where node-postgres
 * delivers every failure. Returns the function that removes the shadow again.
 */
export function observeQueries(client: QueryableClient, report: (error: unknown) => void): () => void {
  const hadOwn = Object.hasOwn(client, 'query');
  const previous = client.query;
  let active = true;
  const observed = function (this: unknown, ...args: unknown[]): unknown {
    if (!active) return previous.apply(this, args);
    const [config, values, callback] = args;
    if (isSubmittable(config)) {
      observeSubmittable(config, report);
      return previous.apply(this, args);
    }
    // node-postgres's precedence: the third argument, then a function as second, then config.callback.
    if (typeof callback === 'function') {
      args[2] = reporting(callback as Callback, report);
    } else if (typeof values === 'function') {
      args[1] = reporting(values as Callback, report);
    } else if (isObject(config) && typeof config.callback === 'function') {
      args[0] = { ...config, callback: reporting(config.callback as Callback, report) };
    } else {
      const result = previous.apply(this, args);
      if (!isPromise(result)) return result;
      // A new promise, not a handler on pg's: an unhandled rejection stays unhandled for the caller.
      return result.then(undefined, (error: unknown) => {
        report(error);
        throw error;
      });
    }
    return previous.apply(this, args);
  };
  client.query = observed;
  return () => {
    active = false;
    // Someone may have wrapped our shadow since: leave theirs in place (ours now passes through).
    if (client.query !== observed) return;
    if (hadOwn) client.query = previous;
    else delete (client as Partial<QueryableClient>).query;
  };
}

interface Submittable {
  submit: (...args: unknown[]) => unknown;
  handleError?: (error: unknown, ...rest: unknown[]) => unknown;
}

function isSubmittable(config: unknown): config is Submittable {
  return isObject(config) && typeof config.submit === 'function';
}

/** Wrap the submittable's own handleError (an own property of pg-query-stream, a prototype method of pg-cursor). */
function observeSubmittable(query: Submittable, report: (error: unknown) => void): void {
  const handleError = query.handleError;
  if (typeof handleError !== 'function') return;
  query.handleError = function (this: unknown, error: unknown, ...rest: unknown[]): unknown {
    report(error);
    return handleError.call(this, error, ...rest);
  };
}

function reporting(callback: Callback, report: (error: unknown) => void): Callback {
  return (error, result) => {
    if (error) report(error);
    callback(error, result);
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return isObject(value) && typeof value.then === 'function';
}
