import { now } from './clock.js';

/** A caller waiting for a connection (or for one being opened or checked for it). */
export interface Waiter<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  /** Where connect() was called, for leak reports; only with leakDetection. */
  readonly stack: string | undefined;
  /** Monotonic ms. */
  enqueuedAt: number;
  deadline: number;
  /** Still in the queue. */
  queued: boolean;
  /** The caller got its answer (a connection, an error, or its abort). */
  settled: boolean;
  onAbort: (() => void) | undefined;
}

// setTimeout fires at once for delays above this; a longer wait is re-armed when it fires.
const MAX_TIMER = 2 ** 31 - 1;

/**
 * FIFO of waiters with O(1) push/shift and O(1) cancellation (cancelled entries are skipped
 * lazily). All waiters share one poolTimeout, so arrival order is deadline order and one
 * unref'd timer for the head serves them all. It also sums the time spent waiting.
 */
export class WaiterQueue<T> {
  readonly #onExpire: (waiter: Waiter<T>, waitedMs: number) => void;
  #items: (Waiter<T> | undefined)[] = [];
  #head = 0;
  #live = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Milliseconds spent in the queue by every waiter that left it. */
  waitedMs = 0;

  constructor(onExpire: (waiter: Waiter<T>, waitedMs: number) => void) {
    this.#onExpire = onExpire;
  }

  get size(): number {
    return this.#live;
  }

  /** Queue a waiter until `timeoutMs` from now. */
  push(waiter: Waiter<T>, timeoutMs: number): void {
    const t = now();
    waiter.enqueuedAt = t;
    waiter.deadline = t + timeoutMs;
    waiter.queued = true;
    this.#items.push(waiter);
    this.#live++;
    this.#arm();
  }

  /** Remove and return the oldest waiter still waiting; `t` is the current `now()` if the caller has it. */
  shift(t?: number): Waiter<T> | undefined {
    if (this.#live === 0) {
      // Nobody waits (every return checks): drop cancelled entries without the general path.
      if (this.#items.length > 0) this.#clear();
      return undefined;
    }
    this.#skipDone();
    const waiter = this.#items[this.#head];
    if (waiter === undefined) return undefined;
    this.#items[this.#head++] = undefined;
    this.#leave(waiter, t ?? now());
    this.#compact();
    return waiter;
  }

  /** Take a waiter out wherever it is (abort); it stays in the array until skipped. */
  cancel(waiter: Waiter<T>): void {
    if (waiter.queued) this.#leave(waiter, now());
  }

  /** Stop the deadline timer (the queue is being emptied for good). */
  stopTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #leave(waiter: Waiter<T>, t: number): void {
    waiter.queued = false;
    this.#live--;
    this.waitedMs += t - waiter.enqueuedAt;
  }

  #arm(): void {
    if (this.#timer !== undefined) return;
    this.#skipDone();
    const head = this.#items[this.#head];
    if (head === undefined) return;
    this.#timer = setTimeout(this.#expire, Math.min(MAX_TIMER, Math.max(0, head.deadline - now()))).unref();
  }

  // Fires for the head's deadline; a head served meanwhile just re-arms for the new head.
  readonly #expire = (): void => {
    this.#timer = undefined;
    const t = now();
    for (let head = this.#peek(); head !== undefined && head.deadline <= t + 1; head = this.#peek()) {
      this.#items[this.#head++] = undefined;
      this.#leave(head, t);
      this.#onExpire(head, t - head.enqueuedAt);
    }
    this.#compact();
    this.#arm();
  };

  #peek(): Waiter<T> | undefined {
    this.#skipDone();
    return this.#items[this.#head];
  }

  #skipDone(): void {
    while (this.#head < this.#items.length && !(this.#items[this.#head]?.queued ?? false)) {
      this.#items[this.#head++] = undefined;
    }
    this.#compact();
  }

  #clear(): void {
    this.#items.length = 0;
    this.#head = 0;
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      if (this.#head > 0) this.#clear();
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
