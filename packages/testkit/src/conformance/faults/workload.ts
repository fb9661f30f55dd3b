import type { Engine, PooledConnection } from '@pool/core';
import { sleep } from '../../wait.js';

/** One call of a workload: when it started and ended, and how. */
export interface Call {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly error?: unknown;
}

/** A running workload: what it recorded so far, and how to stop it. */
export interface Workload {
  readonly calls: readonly Call[];
  /** Stop starting calls and wait for the ones running to end. */
  stop(): Promise<void>;
}

/**
 * `workers` callers, each checking out a connection, running `use` on it and giving it back,
 * back to back (5 ms apart, 20 ms after a failure) until stopped. Every call is recorded.
 */
export function runWorkload<Raw>(engine: Engine<Raw>, workers: number, use: (conn: PooledConnection<Raw>) => Promise<unknown>): Workload {
  const calls: Call[] = [];
  let running = true;
  const worker = async (): Promise<void> => {
    while (running) {
      const startedAt = Date.now();
      try {
        const conn = await engine.connect();
        try {
          await use(conn);
        } finally {
          await conn.release();
        }
        calls.push({ startedAt, endedAt: Date.now() });
        await sleep(5);
      } catch (error) {
        calls.push({ startedAt, endedAt: Date.now(), error });
        await sleep(20);
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    calls,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** The calls that started at or after `t`, split by outcome. */
export function callsSince(calls: readonly Call[], t: number): { ok: number; errors: unknown[] } {
  const since = calls.filter((call) => call.startedAt >= t);
  return {
    ok: since.filter((call) => call.error === undefined).length,
    errors: since.filter((call) => call.error !== undefined).map((call) => call.error),
  };
}
