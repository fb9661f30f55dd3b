/** A pitfall's line in the JSON summary: whether the pool caught it, and how. */
export interface PitfallResult {
  readonly name: 'exhaustion' | 'leak' | 'stale' | 'reset';
  readonly ok: boolean;
  readonly detail: string;
}

/** `[0, 1, …, n - 1]`. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
