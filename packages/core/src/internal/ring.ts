/**
 * A FIFO on a circular array whose capacity only doubles: push and shift are O(1) and a queue
 * that keeps moving (a busy pool's waiters) reuses the same slots instead of growing an array
 * at one end and copying it down at the other.
 */
export class Ring<T> {
  #items: (T | undefined)[] = new Array<T | undefined>(16);
  /** Capacity − 1; the capacity is a power of two. */
  #mask = 15;
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(item: T): void {
    if (this.#length > this.#mask) this.#grow();
    this.#items[(this.#head + this.#length) & this.#mask] = item;
    this.#length++;
  }

  /** The oldest item, or undefined when empty. */
  peek(): T | undefined {
    return this.#length === 0 ? undefined : this.#items[this.#head];
  }

  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#length--;
    return item;
  }

  /** The item `index` places after the oldest (0 = the oldest); index < length. */
  at(index: number): T {
    return this.#items[(this.#head + index) & this.#mask]!;
  }

  clear(): void {
    for (let i = 0; i < this.#length; i++) this.#items[(this.#head + i) & this.#mask] = undefined;
    this.#head = 0;
    this.#length = 0;
  }

  #grow(): void {
    const items = new Array<T | undefined>(this.#items.length * 2);
    for (let i = 0; i < this.#length; i++) items[i] = this.#items[(this.#head + i) & this.#mask];
    this.#items = items;
    this.#mask = items.length - 1;
    this.#head = 0;
  }
}
