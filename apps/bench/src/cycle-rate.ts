import type { Contender } from './contenders/index.js';
import { now, runCycles } from './measure.js';

/** What one throughput measurement needs to know. */
export interface RateTask {
  readonly workers: number;
  /** Run at least this long first, doubling the cycles, so the JIT settles; not counted. */
  readonly warmMs: number;
  /** Then one measurement of about this long. */
  readonly measureMs: number;
}

/** M acquire + release cycles per CPU second for `workers` concurrent workers, after a warm-up. */
export async function cycleRate(contender: Contender, { workers, warmMs, measureMs }: RateTask): Promise<number> {
  const start = now();
  let cycles = 2_000;
  let perMs = 0;
  do {
    perMs = cycles / (await runCycles(contender, workers, cycles));
    cycles *= 2;
  } while (now() - start < warmMs);
  const measured = Math.max(2_000, Math.round(perMs * measureMs));
  return measured / (await runCycles(contender, workers, measured)) / 1000;
}
