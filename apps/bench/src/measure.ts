import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Contender } from './contenders/index.js';

/** Milliseconds, monotonic. */
export const now = (): number => performance.now();

let collect: (() => void) | undefined;

/**
 * A full garbage collection. `--expose-gc` gives `gc`; without it (vitest, a bare `node`)
 * the flag is set at run time and `gc` taken from a fresh context, which V8 allows.
 */
export function gc(): void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed !== undefined) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}

/**
 * Heap in use after full collections, each after a turn of the event loop: some garbage is only
 * released by a macrotask (cleared timers, finalizers), and a benchmark loop made of microtasks
 * never yields one.
 */
export async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await sleep(10);
    gc();
  }
  return process.memoryUsage().heapUsed;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0..100) of ascending values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The list rotated left by `by`: each round starts with a different contender. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const k = ((by % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * `workers` concurrent workers doing `cycles` acquire + release in all; the CPU milliseconds
 * (user + system, all threads) the process spent on them. CPU time, not wall time: on a virtual
 * machine whose host steals time (a third of it, at times, here), wall time charges the steal
 * to whichever pool happened to be running. A no-I/O loop never waits, so for it the two are
 * the same on a quiet machine.
 */
export async function runCycles(contender: Contender, workers: number, cycles: number): Promise<number> {
  const budget = { left: cycles };
  const running: Promise<void>[] = [];
  const start = process.cpuUsage();
  for (let i = 0; i < workers; i++) running.push(contender.cycles(budget));
  await Promise.all(running);
  const used = process.cpuUsage(start);
  // getrusage counts microseconds; a very short warm-up run must not divide by zero.
  return Math.max(used.user + used.system, 1) / 1000;
}

/** Wait until `check()` holds, polling every 5 ms; false when `timeoutMs` passes first. */
export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (!check()) {
    if (now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
