/**
 * For drivers implementing `Driver.onDead`: remembers whether a connection's socket died and
 * tells the pool once. The pool registers its listener after connect() resolves, so a death in
 * between is replayed on registration; a close the driver started itself is not a death.
 */
export class DeathWatch {
  #dead = false;
  #closing = false;
  #error: unknown;
  readonly #listeners: ((error?: unknown) => void)[] = [];

  /** The socket errored or ended; report it unless we closed it ourselves. */
  died(error: unknown): void {
    if (this.#dead) return;
    this.#dead = true;
    this.#error = error;
    if (this.#closing) return;
    for (const listener of this.#listeners.splice(0)) listener(error);
  }

  /** We are closing it: an end that follows is not a death worth reporting. */
  closing(): void {
    this.#closing = true;
  }

  /** Whether the socket died (whoever closed it). */
  get dead(): boolean {
    return this.#dead;
  }

  /** The pool's `onDead` listener: called once, on a later microtask if the death came first. */
  listen(listener: (error?: unknown) => void): void {
    if (this.#closing) return;
    if (this.#dead) {
      const error = this.#error;
      queueMicrotask(() => listener(error));
      return;
    }
    this.#listeners.push(listener);
  }
}
