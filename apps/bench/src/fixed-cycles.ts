// A fixed number of checkout cycles and nothing else, for instruction counts under callgrind
// (BENCHMARKS.md, "Profiling commands"): the machine's noise moves wall time, not instructions.
//   node dist/fixed-cycles.js '{"contender":"@pool","workers":1,"warmCycles":300000,"cycles":100000}'
import { CHECKOUT_CONTENDERS } from './contenders/index.js';
import { runCycles } from './measure.js';

interface FixedTask {
  readonly contender: string;
  readonly workers: number;
  readonly warmCycles: number;
  readonly cycles: number;
}

const task = JSON.parse(process.argv[2] ?? '{}') as FixedTask;
const kind = CHECKOUT_CONTENDERS.find((k) => k.name === task.contender);
if (kind === undefined) throw new Error(`no contender named ${JSON.stringify(task.contender)}; one of ${CHECKOUT_CONTENDERS.map((k) => k.name).join(', ')}`);
for (const key of ['workers', 'warmCycles', 'cycles'] as const) {
  if (!Number.isInteger(task[key]) || task[key] < 0) throw new Error(`${key} must be a non-negative integer, got ${JSON.stringify(task[key])}`);
}
const contender = kind.create({ max: 10, min: 0, connectMs: 0 });
// runCycles' two CPU-time reads are the same for both counts and cancel in the difference.
await runCycles(contender, task.workers, task.warmCycles);
await runCycles(contender, task.workers, task.cycles);
await contender.close();
