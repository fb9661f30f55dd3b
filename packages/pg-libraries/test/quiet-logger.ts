import type { PoolLogger } from '@pool/core';

/** A logger that keeps the pool's lines instead of printing them (restarts log warnings by design). */
export function quietLogger(): PoolLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (message: string): void => void lines.push(message);
  return { lines, debug: keep, info: keep, warn: keep, error: keep };
}
