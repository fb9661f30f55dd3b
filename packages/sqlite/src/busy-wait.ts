import { setTimeout as sleep } from 'node:timers/promises';

const FIRST_DELAY_MS = 1;
const MAX_DELAY_MS = 25;

/**
 * Whether SQLite refused because another connection holds a lock, in a way that waiting can
 * cure. SQLITE_BUSY_SNAPSHOT is not: that transaction read a snapshot that is now stale, and
 * only starting it again helps.
 */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY' || code === 'SQLITE_BUSY_TIMEOUT';
}

/**
 * Run a synchronous SQLite call, and while it fails with SQLITE_BUSY run it again after a short
 * asynchronous pause, for at most `timeoutSeconds`. SQLite's own busy_timeout would sleep on the
 * event loop instead, so a connection of this very process that holds the lock could never
 * commit: the wait would always run to the end and fail.
 */
export async function busyWait<T>(run: () => T, timeoutSeconds: number): Promise<T> {
  const deadline = performance.now() + timeoutSeconds * 1000;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      return run();
    } catch (error) {
      const left = deadline - performance.now();
      if (!isBusy(error) || left <= 0) throw error;
      await sleep(Math.min(delay, left));
    }
  }
}
