import type { PoolLogger } from '@pool/core';

/** A logger that keeps the pool's messages instead of printing them (restarts and kills log warnings by design). */
export function quietLogger(): PoolLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (_fields: Record<string, unknown>, message: string): void => void lines.push(message);
  return { lines, debug: keep, info: keep, warn: keep, error: keep };
}
