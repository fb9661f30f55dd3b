import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { observeQueries } from '../src/internal/observe-queries.js';

type Callback = (error: unknown, result?: unknown) => void;

/** A client whose query fails with `failure` (or succeeds with `{ rows: [] }`) in each of pg's forms. */
class FakeClient {
  failure: Error | undefined;
  query(config: unknown, values?: unknown, callback?: unknown): unknown {
    const cb = (typeof callback === 'function' ? callback : typeof values === 'function' ? values : (config as { callback?: unknown }).callback) as Callback | undefined;
    const submittable = config as { submit?: unknown; handleError?: (error: unknown) => void };
    if (typeof submittable.submit === 'function') {
      if (this.failure) submittable.handleError?.(this.failure);
      return config;
    }
    if (cb) {
      queueMicrotask(() => (this.failure ? cb(this.failure) : cb(undefined, { rows: [] })));
      return undefined;
    }
    return this.failure ? Promise.reject(this.failure) : Promise.resolve({ rows: [] });
  }
}

function setup(): { client: FakeClient; seen: unknown[]; stop: () => void; failure: Error } {
  const client = new FakeClient();
  const failure = new Error('Connection terminated unexpectedly');
  client.failure = failure;
  const seen: unknown[] = [];
  const stop = observeQueries(client, (error) => seen.push(error));
  return { client, seen, stop, failure };
}

describe('observeQueries', () => {
  it('reports a rejected promise and still rejects the caller with the same error', async () => {
    const { client, seen, failure } = setup();
    await expect(client.query('SELECT 1')).rejects.toBe(failure);
    expect(seen).toEqual([failure]);
  });

  it('reports through a callback given as third argument, as second argument, and as config.callback', async () => {
    const { client, seen, failure } = setup();
    const results = await Promise.all([
      new Promise((resolve) => client.query('SELECT $1', [1], resolve)),
      new Promise((resolve) => client.query('SELECT 1', resolve)),
      new Promise((resolve) => client.query({ text: 'SELECT 1', callback: resolve })),
    ]);
    expect(results).toEqual([failure, failure, failure]);
    expect(seen).toEqual([failure, failure, failure]);
  });

  it("reports a Submittable's failure through its handleError, own property or prototype method", () => {
    const { client, seen, failure } = setup();
    const received: unknown[] = [];
    class Cursor extends EventEmitter {
      submit(): void {}
      handleError(error: unknown): void {
        received.push(error);
      }
    }
    const own = { submit: () => undefined, handleError: (error: unknown) => received.push(error) };
    client.query(new Cursor());
    client.query(own);
    expect(received).toEqual([failure, failure]);
    expect(seen).toEqual([failure, failure]);
  });

  it('reports nothing for a query that succeeds', async () => {
    const { client, seen } = setup();
    client.failure = undefined;
    await client.query('SELECT 1');
    await new Promise((resolve) => client.query('SELECT 1', resolve));
    expect(seen).toEqual([]);
  });

  it('leaves no own property behind once stopped, and the prototype method answers again', async () => {
    const { client, seen, stop, failure } = setup();
    expect(Object.hasOwn(client, 'query')).toBe(true);
    stop();
    expect(Object.hasOwn(client, 'query')).toBe(false);
    await expect(client.query('SELECT 1')).rejects.toBe(failure);
    expect(seen).toEqual([]);
  });

  it('restores an own query the client already had', () => {
    const client = new FakeClient();
    const own = (): string => 'own';
    Object.assign(client, { query: own });
    const stop = observeQueries(client, () => undefined);
    expect(client.query).not.toBe(own);
    stop();
    expect(client.query).toBe(own);
  });

  it('a wrapper installed over it by someone else stays, and its calls pass through unreported', async () => {
    const { client, seen, stop, failure } = setup();
    const ours = client.query.bind(client);
    const theirs = (...args: unknown[]): unknown => ours(...(args as [unknown]));
    Object.assign(client, { query: theirs });
    stop();
    expect(client.query).toBe(theirs);
    await expect(client.query('SELECT 1')).rejects.toBe(failure);
    expect(seen).toEqual([]);
  });
});
