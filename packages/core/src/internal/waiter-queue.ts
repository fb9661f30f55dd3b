import { now } from './clock.js';
import { Ring } from './ring.js';

/**
 * A caller not served yet. It stays in the queue until it is: whatever comes first, a returned
 * connection or one opened or pinged meanwhile, goes to the oldest waiter.
 */
export class Waiter<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  /** Where connect() was called, for leak reports; only with leakDetection. */
  readonly stack: string | undefined;
  /** Monotonic ms: when connect() was called; set on arrival when timings are watched, else when the queue stamps it. */
  enqueuedAt = 0;
  /** Still in the queue. */
  queued = false;

  constructor(resolve: (value: T) => void, reject: (error: unknown) => void, signal: AbortSignal | undefined, stack: string | undefined) {
    this.resolve = resolve;
    this.reject = reject;
    this.signal = signal;
    this.stack = stack;
  }
}

// setTimeout fires at once for delays above this; a longer wait is re-armed when it fires.
const MAX_TIMER = 2 ** 31 - 1;

/**
 * FIFO of waiters with O(1) push, shift and cancellation (cancelled entries are skipped
 * lazily). All waiters share one timeout, so arrival order is deadline order and one unref'd
 * timer for the head serves them all. It also sums the time spent waiting.
 *
 * A clock read costs more than the rest of a busy checkout, so a waiter that joins a queue
 * which already has waiters is not timed on arrival: it is stamped at the queue's next clock
 * reading — the next return hands one over, a timer fires, or at the latest the check phase of
 * this turn of the event loop (an immediate). Its wait thus starts at most that late: it times out
 * no sooner than `timeoutMs` after it arrived, and never many milliseconds later.
 */
export class WaiterQueue<T> {
  readonly #timeoutMs: number;
  readonly #onExpire: (waiter: Waiter<T>, waitedMs: number) => void;
  readonly #ring = new Ring<Waiter<T>>();
  #live = 0;
  /** How many waiters at the tail still wait for their stamp. */
  #unstamped = 0;
  #stamper: NodeJS.Immediate | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Milliseconds spent in the queue by every waiter that left it. */
  waitedMs = 0;

  /** `timeoutMs`: Infinity for waiters that never time out. */
  constructor(timeoutMs: number, onExpire: (waiter: Waiter<T>, waitedMs: number) => void) {
    this.#timeoutMs = timeoutMs;
    this.#onExpire = onExpire;
  }

  get size(): number {
    return this.#live;
  }

  /** Queue a waiter until the timeout passes; `t` is when it arrived, if the caller read the clock. */
  push(waiter: Waiter<T>, arrivedAt?: number): void {
    waiter.queued = true;
    if (arrivedAt !== undefined) {
      // Stamped already: it may not join the unstamped tail, so stamp that tail first.
      this.#stamp(arrivedAt);
      waiter.enqueuedAt = arrivedAt;
      this.#ring.push(waiter);
      if (this.#live++ === 0) this.#arm(arrivedAt);
      return;
    }
    this.#ring.push(waiter);
    if (this.#live++ > 0) {
      // The head's timer is armed already; this one is stamped at the next reading.
      this.#unstamped++;
      // Not unref'd: an unref'd immediate lets the loop block in poll and runs only when something
      // else wakes it. A referenced one runs this very turn and never holds the process longer.
      this.#stamper ??= setImmediate(this.#stampNow);
      return;
    }
    const t = now();
    waiter.enqueuedAt = t;
    this.#arm(t);
  }

  /** Remove and return the oldest waiter still waiting; `t` is the current `now()` if the caller has it. */
  shift(t?: number): Waiter<T> | undefined {
    if (this.#live === 0) {
      // Nobody waits (every return checks): drop cancelled entries without the general path.
      if (this.#ring.length > 0) this.#ring.clear();
      return undefined;
    }
    const at = t ?? now();
    const waiter = this.#liveHead(at)!;
    this.#ring.shift();
    this.#leave(waiter, at);
    return waiter;
  }

  /** Take a waiter out wherever it is (abort); it stays in the ring until it reaches the head. */
  cancel(waiter: Waiter<T>): void {
    if (!waiter.queued) return;
    const t = now();
    this.#stamp(t);
    this.#leave(waiter, t);
  }

  /** Stop the timers (the queue is being emptied for good). */
  stopTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearImmediate(this.#stamper);
    this.#stamper = undefined;
  }

  #leave(waiter: Waiter<T>, t: number): void {
    waiter.queued = false;
    this.#live--;
    this.waitedMs += t - waiter.enqueuedAt;
  }

  /** Every waiter not yet stamped arrived at or before `t`. */
  #stamp(t: number): void {
    if (this.#unstamped === 0) return;
    const ring = this.#ring;
    for (let i = ring.length - this.#unstamped; i < ring.length; i++) ring.at(i).enqueuedAt = t;
    this.#unstamped = 0;
  }

  readonly #stampNow = (): void => {
    this.#stamper = undefined;
    // Read the clock only if someone is still unstamped.
    if (this.#unstamped > 0) this.#stamp(now());
  };

  /** The oldest waiter still waiting, stamped; cancelled entries before it are dropped. */
  #liveHead(t: number): Waiter<T> | undefined {
    this.#stamp(t);
    const ring = this.#ring;
    for (let head = ring.peek(); head !== undefined; head = ring.peek()) {
      if (head.queued) return head;
      ring.shift();
    }
    return undefined;
  }

  #arm(t: number): void {
    if (this.#timer !== undefined || this.#timeoutMs === Infinity) return;
    const head = this.#liveHead(t);
    if (head === undefined) return;
    this.#timer = setTimeout(this.#expire, Math.min(MAX_TIMER, Math.max(0, head.enqueuedAt + this.#timeoutMs - t))).unref();
  }

  // Fires for the head's deadline; a head served meanwhile just re-arms for the new head.
  readonly #expire = (): void => {
    this.#timer = undefined;
    const t = now();
    // A listener of the timeout may queue a new caller meanwhile: #liveHead stamps it first.
    for (let head = this.#liveHead(t); head !== undefined && head.enqueuedAt + this.#timeoutMs <= t + 1; head = this.#liveHead(t)) {
      this.#ring.shift();
      this.#leave(head, t);
      this.#onExpire(head, t - head.enqueuedAt);
    }
    this.#arm(t);
  };
}
