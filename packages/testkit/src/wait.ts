/** Resolve after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Options of `waitFor`. */
export interface WaitOptions {
  /** Give up after this many milliseconds. Default 10 000. */
  readonly timeout?: number;
  /** Poll every this many milliseconds. Default 25. */
  readonly interval?: number;
  /** Said in the error when it times out. */
  readonly what?: string;
}

/**
 * Poll `check` until it returns something other than `undefined`/`false` (or stops throwing),
 * and return that; reject with the last failure after `timeout`. For conditions the server
 * reaches eventually (a killed session leaving pg_stat_activity, a socket closing).
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions = {}): Promise<Exclude<T, false | undefined>> {
  const timeout = options.timeout ?? 10_000;
  const interval = options.interval ?? 25;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const reason = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`waitFor: ${options.what ?? 'condition'} not met within ${timeout} ms${reason}`, { cause: last });
    }
    await sleep(interval);
  }
}
