const FIRST_MS = 50;
const CAP_MS = 1000;
/** A refused connect costs the server nothing (the kernel answers): probe a restarting server often. */
const REFUSED_CAP_MS = 100;
const REFUSED = new Set(['ECONNREFUSED', 'ENOENT']);

/**
 * The pool's memory of failing opens (database down or full): the last error, how many opens
 * failed in a row, and when to probe again. Exponential backoff with "equal jitter": the n-th
 * delay is uniform in [d/2, d] with d = 50 ms · 2ⁿ⁻¹ capped at 1 s, so pools that lost the same
 * database do not probe it in step, and the first good open after it is back comes within ~1 s.
 * While the connect is refused outright (nothing listens on the port: a restart, a server down),
 * the cap is 100 ms, so that a restarted server is found again within about that.
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
    const cap = refused(this.#error) ? REFUSED_CAP_MS : CAP_MS;
    const ceiling = Math.min(cap, FIRST_MS * 2 ** Math.min(this.#streak - 1, 10));
    return ceiling / 2 + random() * (ceiling / 2);
  }
}

/** Whether the error (or what it wraps: `cause`, AggregateError's `errors`) is a connect refused by the host. */
function refused(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && REFUSED.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => refused(inner, depth + 1))) return true;
  return refused(cause, depth + 1);
}
