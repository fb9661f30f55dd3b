import type { Engine, EngineOptions, PoolLogger } from '@pool/core';
import { createEngine } from '@pool/core';

/** What every scenario gets: where to connect, where pool warnings go, where progress lines go. */
export interface DemoContext {
  /** The database URL, password included (never printed: see `redactedUrl`). */
  readonly url: string;
  /** The URL as printed, password shown as `***`. */
  readonly redactedUrl: string;
  /** `postgresql`, `mysql`, `mariadb` or `sqlite`. */
  readonly backend: string;
  /** Pool warnings and errors. */
  readonly logger: PoolLogger;
  /** One line of human-readable progress (nothing in --json mode). */
  say(line: string): void;
}

/** An engine on the demo's database, found by URL scheme, with the demo's logger. */
export function demoEngine(context: DemoContext, options: EngineOptions): Engine {
  return createEngine(context.url, { logger: context.logger, ...options });
}

/** Seconds since `start` (a `performance.now()` reading), to the millisecond. */
export function secondsSince(start: number): number {
  return Math.round(performance.now() - start) / 1000;
}

/** Resolve once `check()` holds, polling every 10 ms; reject with `message` after `timeoutSeconds`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutSeconds: number, message: string): Promise<void> {
  const deadline = performance.now() + timeoutSeconds * 1000;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
