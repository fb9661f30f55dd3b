import { ConfigError, ConnectError } from './errors.js';
import { describeError } from './internal/describe-error.js';
import { isMarkedDisconnect } from './internal/disconnect-marks.js';
import type { PoolLogger } from './options.js';

/** Options of `retry()`. */
export interface RetryOptions {
  /** Most attempts in all. Default 3. */
  maxFailures?: number;
  /** Seconds before the second attempt. Default 0.1. */
  interval?: number;
  /** Each further wait is the previous one times this. Default 2. */
  backoff?: number;
  /** Which errors are worth another attempt. Default: `isDisconnectError`. */
  isRetryable?: (error: unknown) => boolean;
  /** Where each retry is logged (info). Default: nowhere. */
  logger?: Partial<PoolLogger>;
  /** Stop waiting between attempts; rejects with `signal.reason`. */
  signal?: AbortSignal;
}

const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ENOTCONN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);

/**
 * Whether an error means "the connection is gone, another one may work": an error the pool saw
 * as a disconnect (by the driver's rules and `isDisconnect`), a ConnectError, or a socket error.
 */
export function isDisconnectError(error: unknown): boolean {
  if (isMarkedDisconnect(error) || error instanceof ConnectError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SOCKET_CODES.has(code);
}

/**
 * Run `fn(attempt)` (attempt from 1) and run it again when it fails with a retryable error, at
 * most `maxFailures` attempts. The pool discards a connection that failed with a disconnect, so
 * each attempt that checks out a connection gets a different one (geventconnpool's `retry`).
 */
export async function retry<T>(fn: (attempt: number) => T | Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxFailures = check('maxFailures', options.maxFailures ?? 3, (n) => Number.isInteger(n) && n >= 1, 'an integer ≥ 1');
  const interval = check('interval', options.interval ?? 0.1, (n) => n >= 0, 'a number of seconds ≥ 0');
  const backoff = check('backoff', options.backoff ?? 2, (n) => n >= 1, 'a number ≥ 1');
  const isRetryable = options.isRetryable ?? isDisconnectError;
  let waitMs = interval * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= maxFailures || !isRetryable(error)) throw error;
      options.logger?.info?.({ attempt, maxFailures, err: error }, `attempt ${attempt} of ${maxFailures} failed (${describeError(error)}); retrying in ${(waitMs / 1000).toFixed(2)} s with a new connection`);
      await sleep(waitMs, options.signal);
      waitMs *= backoff;
    }
  }
}

function check(option: string, value: unknown, valid: (n: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    throw new ConfigError(option, `Invalid retry option ${option}: expected ${expected}, got ${String(value)}`);
  }
  return value;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted === true) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
