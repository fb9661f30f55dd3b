import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Driver } from '@pool/core';

/** The trivial object every contender pools: what a no-I/O driver's "connection" is. */
export interface Item {
  readonly id: number;
}

let serial = 0;

/** A fresh item, at once. */
export function newItem(): Item {
  return { id: ++serial };
}

/** A fresh item, after `connectMs` milliseconds (0: on the next microtask). */
export function openItem(connectMs: number): Promise<Item> {
  const item = newItem();
  return connectMs > 0 ? sleep(connectMs, item) : Promise.resolve(item);
}

const EMPTY = Promise.resolve({ rows: [], rowCount: 0 });
const DONE = Promise.resolve();

/**
 * A driver that does no I/O: connect makes an Item (after `connectMs`), everything else
 * resolves at once. `inTransaction()` is false, so the pool's default reset on return
 * (`'rollback'`) is skipped, exactly as it is for a real idle pg or mysql connection.
 */
export function noopDriver(connectMs = 0): Driver<Item> {
  return {
    name: 'noop',
    connect: () => openItem(connectMs),
    close: () => DONE,
    ping: () => DONE,
    query: () => EMPTY,
    begin: () => DONE,
    commit: () => DONE,
    rollback: () => DONE,
    inTransaction: () => false,
    backendPid: (item) => Promise.resolve(item.id),
    isDisconnect: () => false,
  };
}

/** pg-pool's constructor options, plus how long our fake connect takes. */
export interface NoopClientOptions {
  readonly connectMs?: number;
}

/**
 * The least `pg-pool` needs from its `Client` class: an EventEmitter with callback-style
 * `connect` and `end`, and the two flags pg-pool reads on release. It never does I/O.
 */
export class NoopClient extends EventEmitter {
  readonly _queryable = true;
  readonly _ending = false;
  readonly #connectMs: number;

  constructor(options: NoopClientOptions = {}) {
    super();
    this.#connectMs = options.connectMs ?? 0;
  }

  connect(callback: (error?: Error) => void): void {
    openItem(this.#connectMs).then(() => callback(), callback);
  }

  end(callback?: () => void): void {
    if (callback !== undefined) process.nextTick(callback);
  }

  query(_text: unknown, _values?: unknown, callback?: (error: Error | undefined, result: unknown) => void): void {
    if (callback !== undefined) process.nextTick(callback, undefined, { rows: [], rowCount: 0 });
  }
}
