import type { Engine, EngineOptions, PoolLogger } from '@pool/core';
import { createEngine } from '@pool/core';
import type { DemoMetrics } from './demo-metrics.js';

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
  /** With --metrics: where each scenario's pool reports its OpenTelemetry metrics. */
  readonly metrics?: DemoMetrics | undefined;
}

/** An engine on the demo's database, found by URL scheme, with the demo's logger. */
export function demoEngine(context: DemoContext, options: EngineOptions): Engine {
  return createEngine(context.url, { logger: context.logger, ...options });
}

const NOT_OBSERVED: AsyncDisposable = { [Symbol.asyncDispose]: () => Promise.resolve() };

/**
 * With --metrics, instrument a scenario's pool; disposing the result exports its metrics as they
 * stand. Declare it after the engine (`await using`), so that it is disposed first, while the
 * pool still holds what the scenario left in it.
 */
export function observe(context: DemoContext, engine: Engine): AsyncDisposable {
  return context.metrics?.observe(engine) ?? NOT_OBSERVED;
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
