import type { Contender, ContenderKind } from '../contenders/index.js';
import { CONTENDERS } from '../contenders/index.js';
import { median, now, percentile, sleep } from '../measure.js';
import type { SuiteResult, Table } from '../report.js';
import { fixed } from '../report.js';
import { alternate } from '../rounds.js';
import type { Mode } from './mode.js';

const POOL_SIZE = 10;

/** What a caller does while holding the item. */
interface Hold {
  readonly label: string;
  readonly run: () => Promise<void>;
  /** Cycles per measurement (full mode). */
  readonly cycles: number;
}

const HOLDS: readonly Hold[] = [
  { label: '1 ms of work (a timer)', run: () => sleep(1), cycles: 4_000 },
  { label: 'no work (release at once)', run: () => Promise.resolve(), cycles: 200_000 },
];

/** Acquire latency of one contender at one load: medians over rounds of each round's percentile. */
export interface LatencyCell {
  readonly name: string;
  readonly callersPerConnection: number;
  readonly hold: string;
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

interface RoundLatency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Cycles shared by the callers; only those in the middle half are sampled (no start-up burst, no drain). */
interface Run {
  readonly total: number;
  left: number;
  readonly samples: number[];
}

async function caller(c: Contender, run: Run, hold: Hold): Promise<void> {
  while (run.left > 0) {
    const index = run.total - run.left--;
    const start = now();
    const item = await c.acquire();
    if (index >= run.total / 4 && index < (run.total * 3) / 4) run.samples.push(now() - start);
    await hold.run();
    await c.release(item);
  }
}

async function measure(c: Contender, callers: number, hold: Hold, cycles: number): Promise<RoundLatency> {
  const run: Run = { total: cycles, left: cycles, samples: [] };
  await Promise.all(Array.from({ length: callers }, () => caller(c, run, hold)));
  const samples = run.samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1)! };
}

/** One pool per contender, kept across the rounds of one load (see checkout's measureAt for why). */
async function cellsFor(hold: Hold, ratio: number, mode: Mode, kinds: readonly ContenderKind[]): Promise<LatencyCell[]> {
  const cycles = mode.quick ? Math.ceil(hold.cycles / 8) : hold.cycles;
  const pools = new Map(kinds.map((kind) => [kind.name, kind.create({ max: POOL_SIZE, min: 0, connectMs: 0 })]));
  let perRound: Map<string, RoundLatency[]>;
  try {
    perRound = await alternate(kinds, mode.rounds, (kind) => measure(pools.get(kind.name)!, POOL_SIZE * ratio, hold, cycles));
  } finally {
    for (const pool of pools.values()) await pool.close();
  }
  return kinds.map((kind) => {
    const rounds = perRound.get(kind.name)!;
    return {
      name: kind.name, callersPerConnection: ratio, hold: hold.label,
      p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)), max: median(rounds.map((r) => r.max)),
    };
  });
}

function table(hold: Hold, cells: readonly LatencyCell[], kinds: readonly ContenderKind[]): Table {
  const unit = hold.cycles > 10_000 ? 'µs' : 'ms';
  const scale = unit === 'µs' ? 1000 : 1;
  const digits = unit === 'µs' ? 1 : 2;
  const of = (name: string, ratio: number): LatencyCell => cells.find((c) => c.name === name && c.callersPerConnection === ratio && c.hold === hold.label)!;
  return {
    title: `Acquire latency, ${unit}, holding for ${hold.label} (pool ${POOL_SIZE}; median of rounds)`,
    columns: ['contender', '2:1 p50', '2:1 p99', '2:1 max', '10:1 p50', '10:1 p99', '10:1 max'],
    rows: kinds.map((kind) => [
      kind.name,
      ...[2, 10].flatMap((ratio) => {
        const cell = of(kind.name, ratio);
        return [cell.p50, cell.p99, cell.max].map((v) => fixed(v * scale, digits));
      }),
    ]),
  };
}

/** Part 3: acquire latency p50/p99 when callers outnumber connections 2:1 and 10:1. */
export async function latency(mode: Mode, kinds: readonly ContenderKind[] = CONTENDERS): Promise<SuiteResult<LatencyCell[]>> {
  const cells: LatencyCell[] = [];
  for (const hold of HOLDS) for (const ratio of [2, 10]) cells.push(...(await cellsFor(hold, ratio, mode, kinds)));
  return {
    name: 'latency',
    title: '3. Acquire latency when callers outnumber connections',
    tables: HOLDS.map((hold) => table(hold, cells, kinds)),
    notes: [
      `20 or 100 callers loop acquire → hold → release on ${POOL_SIZE} items; latency is from calling acquire to holding the item, sampled over the middle half of the cycles (steady state: no start-up burst, no drain).`,
      'With 1 ms of work a fair FIFO pool makes a caller wait about (ratio − 1) holds; p99 and max show who gets overtaken.',
      'With no work the numbers are the pool\'s own cost per hand-over, times the queue ahead of the caller.',
    ],
    data: cells,
  };
}
