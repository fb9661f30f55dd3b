import type { Contender, ContenderKind } from '../contenders/index.js';
import { CONTENDERS } from '../contenders/index.js';
import { median, runCycles, settledHeap } from '../measure.js';
import type { SuiteResult } from '../report.js';
import { bytes, fixed } from '../report.js';
import { alternate } from '../rounds.js';
import type { Mode } from './mode.js';

/** One contender's memory: per idle connection (pool's share only) and growth over many cycles. */
export interface HeapCell {
  readonly name: string;
  /** Bytes per idle pooled connection, the driver's client subtracted (median over rounds). */
  readonly perIdle: number;
  /** Bytes per bare client, as subtracted. */
  readonly clientBytes: number;
  /** Heap after the cycles minus before, bytes (after full GCs). */
  readonly growth: number;
  readonly cycles: number;
}

/** Heap taken by `n` bare clients, held in an array allocated beforehand. */
async function clientBytes(kind: ContenderKind, n: number): Promise<number> {
  const holder: unknown[] = new Array<unknown>(n).fill(null);
  const before = await settledHeap();
  for (let i = 0; i < n; i++) holder[i] = kind.rawClient();
  const after = await settledHeap();
  holder.length = 0;
  return (after - before) / n;
}

/** Open `n` at once and return them all: the pool then holds `n` idle connections. */
async function fill(c: Contender, n: number): Promise<void> {
  const items: unknown[] = await Promise.all(Array.from({ length: n }, () => c.acquire()));
  await Promise.all(items.map((item) => c.release(item)));
}

/** Heap per idle connection: open `n` at once, return them all, weigh, minus the bare clients. */
async function perIdle(kind: ContenderKind, n: number): Promise<number> {
  // A small unmeasured pass first, so compiled code and feedback are not counted as connections.
  const trial = kind.create({ max: 100, min: 0, connectMs: 0 });
  await fill(trial, 100);
  await trial.close();
  const before = await settledHeap();
  const c = kind.create({ max: n, min: 0, connectMs: 0 });
  try {
    await fill(c, n);
    const after = await settledHeap();
    if (c.open() !== n) throw new Error(`${kind.name}: expected ${n} idle, found ${c.open()}`);
    return (after - before) / n - (await clientBytes(kind, n));
  } finally {
    await c.close();
  }
}

/** Heap growth over `cycles` acquire + release (pool 10, 10 workers), after a warm-up. */
async function growth(kind: ContenderKind, cycles: number): Promise<number> {
  const c = kind.create({ max: 10, min: 0, connectMs: 0 });
  try {
    await runCycles(c, 10, Math.min(cycles, 50_000));
    const before = await settledHeap();
    await runCycles(c, 10, cycles);
    return (await settledHeap()) - before;
  } finally {
    await c.close();
  }
}

/** Part 5: heap per idle pooled connection (without the driver's client) and heap growth over 1 M cycles. */
export async function heap(mode: Mode, kinds: readonly ContenderKind[] = CONTENDERS): Promise<SuiteResult<HeapCell[]>> {
  const n = mode.quick ? 2_000 : 10_000;
  const cycles = mode.quick ? 50_000 : 1_000_000;
  const rounds = mode.quick ? 1 : 3;
  const idle = await alternate(kinds, rounds, (kind) => perIdle(kind, n), { warmUp: false });
  const grown = await alternate(kinds, 1, (kind) => growth(kind, cycles), { warmUp: false });
  const cells: HeapCell[] = [];
  for (const kind of kinds) {
    cells.push({ name: kind.name, perIdle: median(idle.get(kind.name)!), clientBytes: await clientBytes(kind, n), growth: grown.get(kind.name)![0]!, cycles });
  }
  return {
    name: 'heap',
    title: '5. Heap per idle connection and over many cycles',
    tables: [{
      title: `Heap (after full GCs): ${n} idle connections; ${cycles / 1e6} M cycles with pool 10, 10 workers`,
      columns: ['contender', 'per idle connection', 'bare client (subtracted)', `growth over ${fixed(cycles / 1e6, 1)} M cycles`],
      rows: cells.map((c) => [c.name, bytes(c.perIdle), bytes(c.clientBytes), bytes(c.growth)]),
    }],
    notes: [
      `Per idle connection: heap with ${n} idle connections minus the heap before the pool existed, divided by ${n}, minus one bare client (the no-I/O item, or pg-pool's Client object) weighed the same way.`,
      'Growth: heap after the cycles minus heap before, both after full GCs; a few KiB either way is noise (JIT code, timers), a leak would show as bytes × cycles.',
      'pg-pool keeps an idle timer (idleTimeoutMillis 10 s by default) per idle client; it is counted, as it is part of the pool.',
    ],
    data: cells,
  };
}
