const FIRST_MS = 50;
const CAP_MS = 1000;

/**
 * The pool's memory of failing opens (database down or full): the last error, how many opens
 * failed in a row, and when to probe again. Exponential backoff with "equal jitter": the n-th
 * delay is uniform in [d/2, d] with d = 50 ms · 2ⁿ⁻¹ capped at 1 s, so pools that lost the same
 * database do not probe it in step, and the first good open after it is back comes within ~1 s.
 */
export class ConnectFailures {
  #error: unknown;
  #streak = 0;

  /** Opens are failing: the last one failed and none succeeded since. */
  get failing(): boolean {
    return this.#streak > 0;
  }

  /** The last open's error. */
  get error(): unknown {
    return this.#error;
  }

  get streak(): number {
    return this.#streak;
  }

  failed(error: unknown): void {
    this.#error = error;
    this.#streak++;
  }

  /** An open succeeded (returns how many had failed before it), or the pool starts afresh. */
  reset(): number {
    const streak = this.#streak;
    this.#streak = 0;
    this.#error = undefined;
    return streak;
  }

  /** Milliseconds until the next probe. */
  nextDelay(random: () => number = Math.random): number {
    const ceiling = Math.min(CAP_MS, FIRST_MS * 2 ** Math.min(this.#streak - 1, 10));
    return ceiling / 2 + random() * (ceiling / 2);
  }
}
