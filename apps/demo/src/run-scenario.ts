import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine, Pool } from '@pool/core';
import type { DemoContext } from './demo-context.js';
import { demoEngine, observe, secondsSince, until } from './demo-context.js';
import type { DocumentScenario } from './scenarios.js';

/** A document scenario's line in the JSON summary. */
export interface ScenarioSummary {
  readonly name: string;
  readonly tasks: number;
  readonly failed: number;
  /** Distinct backend PIDs the tasks saw. */
  readonly distinctConnections: number;
  /** Most connections open at once, counted from the pool's connect and close events. */
  readonly maxOpen: number;
  /** Tasks that queued for a connection another task had to return. */
  readonly waited: number;
  readonly wallSeconds: number;
  /** `engine.pool.status()` once every task is done. */
  readonly finalStatus: string;
}

/** What one task did; times in seconds from the start of the scenario. */
export interface TaskRecord {
  readonly id: number;
  readonly startedAt: number;
  readonly waited: boolean;
  obtainedAt?: number;
  releasedAt?: number;
  pid?: number;
  error?: string;
}

/** A finished scenario: its summary, every task, and the limits it broke (none, normally). */
export interface ScenarioRun {
  readonly summary: ScenarioSummary;
  readonly records: readonly TaskRecord[];
  /** `poolSize + maxOverflow`. */
  readonly limit: number;
  readonly problems: readonly string[];
}

/**
 * Run a scenario as the guide does: open `minSize` connections first (as psycopg2 and asyncpg
 * do when the pool is created), start every task at once, and let each hold its connection for
 * its share of work. Then check the limits the configuration promises.
 */
export async function runScenario(context: DemoContext, scenario: DocumentScenario): Promise<ScenarioRun> {
  await using engine = demoEngine(context, { name: scenario.name, ...scenario.options });
  await using _metrics = observe(context, engine);
  const { poolSize, maxOverflow, minSize } = engine.options;
  const limit = poolSize === 0 || maxOverflow === -1 ? Infinity : poolSize + maxOverflow;
  using open = countOpen(engine.pool);
  if (minSize > 0) {
    await until(() => engine.pool.stats().checkedIn >= minSize, 10, `${scenario.name}: the pool did not open minSize ${minSize} connections within 10 s`);
  }
  const start = performance.now();
  const records = await Promise.all(Array.from({ length: scenario.tasks }, (_, i) => runTask(engine, { id: i, limit, work: scenario.work(i), start, context })));
  const wallSeconds = secondsSince(start);
  const pids = new Set(records.flatMap((r) => (r.pid === undefined ? [] : [r.pid])));
  const summary: ScenarioSummary = {
    name: scenario.name,
    tasks: scenario.tasks,
    failed: records.filter((r) => r.error !== undefined).length,
    distinctConnections: pids.size,
    maxOpen: open.max,
    waited: records.filter((r) => r.waited).length,
    wallSeconds,
    finalStatus: engine.pool.status(),
  };
  return { summary, records, limit, problems: problemsOf(summary, limit, engine.pool.stats().checkedOut) };
}

interface TaskPlan {
  readonly id: number;
  /** `poolSize + maxOverflow`. */
  readonly limit: number;
  readonly work: number;
  readonly start: number;
  readonly context: DemoContext;
}

async function runTask(engine: Engine, plan: TaskPlan): Promise<TaskRecord> {
  const record: TaskRecord = { id: plan.id, startedAt: secondsSince(plan.start), waited: foundLimitInUse(engine, plan.limit) };
  const checkout = engine.connect();
  try {
    await using conn = await checkout;
    record.obtainedAt = secondsSince(plan.start);
    record.pid = await conn.backendPid();
    plan.context.say(`Task ${plan.id}: connection obtained (backend PID ${record.pid}) after ${(record.obtainedAt - record.startedAt).toFixed(3)} s`);
    await sleep(plan.work * 1000);
  } catch (error) {
    record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    plan.context.say(`Task ${plan.id}: failed after ${(secondsSince(plan.start) - record.startedAt).toFixed(3)} s: ${record.error}`);
  }
  record.releasedAt = secondsSince(plan.start);
  return record;
}

/**
 * Whether a task arriving now finds every connection up to the limit taken: held by the tasks
 * before it, or promised to those still waiting. Such a task can only be served by a connection
 * another task returns (the pool opens connections a couple at a time, so a task may also wait a
 * few milliseconds for an open; that is not what the documents count).
 */
function foundLimitInUse(engine: Engine, limit: number): boolean {
  const { open, checkedIn, connecting, waiting } = engine.pool.stats();
  return open - checkedIn - connecting + waiting >= limit;
}

/** Connections open at any moment, from the pool's own events: an independent check of its limit. */
function countOpen(pool: Pool): { readonly max: number } & Disposable {
  let now = 0;
  let max = 0;
  const opened = (): void => void (max = Math.max(max, ++now));
  const closed = (): void => void now--;
  pool.on('connect', opened);
  pool.on('close', closed);
  return {
    get max() {
      return max;
    },
    [Symbol.dispose]: () => {
      pool.off('connect', opened);
      pool.off('close', closed);
    },
  };
}

function problemsOf(summary: ScenarioSummary, limit: number, checkedOut: number): string[] {
  const problems: string[] = [];
  if (summary.failed > 0) problems.push(`${summary.failed} of ${summary.tasks} tasks failed`);
  if (summary.maxOpen > limit) problems.push(`${summary.maxOpen} connections were open at once, more than poolSize + maxOverflow = ${limit}`);
  if (checkedOut !== 0) problems.push(`${checkedOut} connections are still checked out after every task returned`);
  return problems;
}
