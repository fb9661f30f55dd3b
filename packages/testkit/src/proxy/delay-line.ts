/**
 * Chunks of one direction of a proxied connection, each delivered `delayMs` after it arrived and
 * never before the one ahead of it: TCP keeps order, so a delay lowered (or removed) mid-stream
 * must not let later bytes overtake earlier ones.
 */
export class DelayLine {
  readonly #deliver: (chunk: Buffer) => void;
  readonly #queue: { chunk: Buffer; due: number }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(deliver: (chunk: Buffer) => void) {
    this.#deliver = deliver;
  }

  /** Chunks waiting for their time. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Deliver `chunk` after `delayMs` (at once when 0 and nothing is queued ahead of it). */
  push(chunk: Buffer, delayMs: number): void {
    if (delayMs <= 0 && this.#queue.length === 0) {
      this.#deliver(chunk);
      return;
    }
    const last = this.#queue.at(-1)?.due ?? 0;
    this.#queue.push({ chunk, due: Math.max(Date.now() + delayMs, last) });
    this.#arm();
  }

  /** Forget what is queued (the connection is going away). */
  clear(): void {
    this.#queue.length = 0;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    if (this.#timer !== undefined || this.#queue.length === 0) return;
    const wait = Math.max(0, this.#queue[0]!.due - Date.now());
    this.#timer = setTimeout(() => this.#flush(), wait);
    // A proxy never keeps a process alive by itself.
    this.#timer.unref();
  }

  #flush(): void {
    this.#timer = undefined;
    const t = Date.now();
    while (this.#queue.length > 0 && this.#queue[0]!.due <= t) this.#deliver(this.#queue.shift()!.chunk);
    this.#arm();
  }
}
