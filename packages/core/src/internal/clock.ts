import { performance } from 'node:perf_hooks';

/** Monotonic milliseconds: durations must not jump with the wall clock. */
export const now = (): number => performance.now();

// Fixed for the life of the process; the getter costs as much as a clock read on every call.
const ORIGIN = performance.timeOrigin;

/** Epoch milliseconds for a monotonic reading, without a second clock call. */
export const toEpoch = (monotonic: number): number => Math.round(ORIGIN + monotonic);
