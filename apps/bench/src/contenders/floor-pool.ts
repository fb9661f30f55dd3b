import type { Item } from '../noop.js';
import { openItem } from '../noop.js';

/**
 * The floor: the least a promise-based pool can do. An array of idle items (reused last in,
 * first out: the cheapest) and a FIFO of resolvers; no timeouts, no validation, no events,
 * no accounting beyond the count of items made. Nobody should ship it; every pool costs more.
 */
export class FloorPool {
  readonly #max: number;
  readonly #connectMs: number;
  readonly #idle: Item[] = [];
  #waiters: (((item: Item) => void) | undefined)[] = [];
  #head = 0;
  #created = 0;

  constructor(max: number, connectMs = 0) {
    this.#max = max;
    this.#connectMs = connectMs;
  }

  get size(): number {
    return this.#created;
  }

  acquire(): Promise<Item> {
    const item = this.#idle.pop();
    if (item !== undefined) return Promise.resolve(item);
    if (this.#created < this.#max) {
      this.#created++;
      return openItem(this.#connectMs);
    }
    return new Promise<Item>((resolve) => {
      this.#waiters.push(resolve);
    });
  }

  release(item: Item): void {
    if (this.#head === this.#waiters.length) {
      this.#idle.push(item);
      return;
    }
    const resolve = this.#waiters[this.#head]!;
    this.#waiters[this.#head++] = undefined;
    if (this.#head === this.#waiters.length) {
      this.#waiters.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#waiters.length) {
      this.#waiters = this.#waiters.slice(this.#head);
      this.#head = 0;
    }
    resolve(item);
  }
}
