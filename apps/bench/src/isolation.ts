import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RateTask } from './cycle-rate.js';

/** One checkout measurement for a child process: which contender, how big a pool, how long. */
export interface ChildTask extends RateTask {
  readonly contender: string;
  readonly poolSize: number;
}

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));

/** Whether the compiled child entry exists (it does under `pnpm bench`, not when run from source by vitest). */
export function canIsolate(): boolean {
  return existsSync(CHILD);
}

/**
 * Measure in a fresh `node` process, so that what V8 compiles for one pool depends on that pool
 * alone: in one process, a pool measured after others (or after its own run at another worker
 * count) can run at half its speed because shared call sites went polymorphic or code was
 * deoptimised. JMH forks per benchmark for the same reason.
 */
export async function inChild(task: ChildTask): Promise<number> {
  const { stdout } = await run(process.execPath, ['--expose-gc', CHILD, JSON.stringify(task)], { timeout: 120_000 });
  const { value } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { value: number };
  return value;
}
