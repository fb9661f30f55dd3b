// A child process measuring one contender alone: see isolation.ts.
import { CHECKOUT_CONTENDERS } from './contenders/index.js';
import { cycleRate } from './cycle-rate.js';
import type { ChildTask } from './isolation.js';

const task = JSON.parse(process.argv[2] ?? '{}') as ChildTask;
const kind = CHECKOUT_CONTENDERS.find((k) => k.name === task.contender);
if (kind === undefined) throw new Error(`no contender named ${task.contender}`);
const contender = kind.create({ max: task.poolSize, min: 0, connectMs: 0 });
const value = await cycleRate(contender, task);
await contender.close();
process.stdout.write(`${JSON.stringify({ value })}\n`);
