/** How hard to measure: the full run, or `--quick` (everything once, briefly, for CI). */
export interface Mode {
  readonly quick: boolean;
  /** Measured rounds after the warm-up round. */
  readonly rounds: number;
  /** Target length of one throughput measurement. */
  readonly measureMs: number;
  /**
   * Measure each no-I/O throughput in a child process of its own (as JMH forks): what V8 makes of
   * one pool's code then depends on that pool alone, not on the others run before it.
   */
  readonly isolate: boolean;
}

export const FULL: Mode = { quick: false, rounds: 7, measureMs: 300, isolate: true };
export const QUICK: Mode = { quick: true, rounds: 2, measureMs: 40, isolate: true };
