import { gc, median, rotate } from './measure.js';

/** Something measured in rounds. */
export interface Named {
  readonly name: string;
}

/**
 * Run `measure` for every contender in every round, alternating: each round starts with the
 * next contender, so no one always runs first (or right after the same neighbour). A first
 * warm-up round is thrown away (unless `warmUp: false`). A full GC before each measurement keeps the garbage of one
 * contender from being collected on another's time.
 */
export async function alternate<K extends Named, T>(
  kinds: readonly K[],
  rounds: number,
  measure: (kind: K, round: number) => Promise<T>,
  { warmUp = true }: { warmUp?: boolean } = {},
): Promise<Map<string, T[]>> {
  const results = new Map<string, T[]>(kinds.map((kind) => [kind.name, []]));
  for (let round = warmUp ? -1 : 0; round < rounds; round++) {
    for (const kind of rotate(kinds, round + 1)) {
      gc();
      const value = await measure(kind, round);
      if (round >= 0) results.get(kind.name)!.push(value);
    }
  }
  return results;
}

/** Per round, `ours[i] / theirs[i]`; their median. Ratios of the same round cancel drifts of the machine. */
export function medianRatio(ours: readonly number[], theirs: readonly number[]): number {
  return median(ours.map((value, i) => value / theirs[i]!));
}
