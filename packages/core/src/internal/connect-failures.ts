const FIRST_MS = 50;
/** Between probes of a server that answered "no session for you" (full, out of resources, auth): it pays for each. */
const REFUSED_BY_SERVER_CAP_MS = 1000;
/** Between probes of a server not reached (nothing listens, reset, terminated): a restart is found again at once. */
const UNREACHED_CAP_MS = 100;

/**
 * The pool's memory of failing opens (database down or full): the last error, how many opens
 * failed in a row, and when to probe again. Exponential backoff with "equal jitter": the n-th
 * delay is uniform in [d/2, d] with d = 50 ms · 2ⁿ⁻¹, capped at 1 s when the server itself
 * refused the session (every attempt costs it a handshake, often a process), at 100 ms when it
 * was not reached at all (a restart: the first good open comes within ~100 ms of it being back).
 * Pools that lost the same database do not probe it in step.
 */
export class ConnectFailures {
  #error: unknown;
  #refusedByServer = false;
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

  /** `refusedByServer`: the server answered and refused the session (the driver's isSessionRefused). */
  failed(error: unknown, refusedByServer: boolean): void {
    this.#error = error;
    this.#refusedByServer = refusedByServer;
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
    const cap = this.#refusedByServer ? REFUSED_BY_SERVER_CAP_MS : UNREACHED_CAP_MS;
    const ceiling = Math.min(cap, FIRST_MS * 2 ** Math.min(this.#streak - 1, 10));
    return ceiling / 2 + random() * (ceiling / 2);
  }
}
