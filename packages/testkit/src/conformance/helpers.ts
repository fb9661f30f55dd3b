import type { Engine } from '@pool/core';

/** The gauges of `stats()`, for compact assertions. */
export function gauges<Raw>(engine: Engine<Raw>): { open: number; checkedIn: number; checkedOut: number; waiting: number } {
  const { open, checkedIn, checkedOut, waiting } = engine.pool.stats();
  return { open, checkedIn, checkedOut, waiting };
}

/** Sample `probe` every `interval` ms until stopped; remembers the largest value seen. */
export function sampleMax(probe: () => Promise<number>, interval = 10): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      max = Math.max(max, await probe());
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return max;
    },
  };
}

/** Distinct values, sorted. */
export function sorted(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
