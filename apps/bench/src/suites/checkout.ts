import type { ContenderKind } from '../contenders/index.js';
import { CHECKOUT_CONTENDERS } from '../contenders/index.js';
import { cycleRate } from '../cycle-rate.js';
import { canIsolate, inChild } from '../isolation.js';
import { median } from '../measure.js';
import type { SuiteResult, Table } from '../report.js';
import { fixed, times } from '../report.js';
import { alternate, medianRatio } from '../rounds.js';
import type { Mode } from './mode.js';

/** One contender at one worker count: M cycles/s per round and their median. */
export interface Throughput {
  readonly name: string;
  readonly role: ContenderKind['role'];
  readonly perRound: readonly number[];
  readonly median: number;
}

/** The checkout comparison at one worker count. */
export interface CheckoutRow {
  readonly workers: number;
  readonly contenders: readonly Throughput[];
  /** Median over rounds of ours / theirs, by contender name (ours itself left out). */
  readonly ratios: Readonly<Record<string, number>>;
  /** Median over rounds of ours / the fastest peer of that round. */
  readonly vsFastestPeer: number;
  /** Variants of ours (information only): median over rounds of variant / the fastest peer. */
  readonly variants: Readonly<Record<string, number>>;
  /** Variants of ours: median over rounds of variant / ours, what the variant costs or saves. */
  readonly variantsVsOurs: Readonly<Record<string, number>>;
  readonly targetMet: boolean;
}

export const CHECKOUT_TARGET = 3;
const POOL_SIZE = 10;

/**
 * One child process per measurement (see isolation.ts); or, with `--in-process` or from source,
 * one pool per contender kept across the rounds, as an application keeps its pool (a pool built
 * and dropped per measurement measures V8 discarding code optimised for the dropped pool's objects).
 */
async function measureAt(workers: number, mode: Mode, kinds: readonly ContenderKind[]): Promise<Map<string, number[]>> {
  const task = { workers, warmMs: mode.quick ? 30 : 200, measureMs: mode.measureMs, poolSize: POOL_SIZE };
  if (mode.isolate && canIsolate()) {
    return alternate(kinds, mode.rounds, (kind) => inChild({ ...task, contender: kind.name }), { warmUp: false });
  }
  const pools = new Map(kinds.map((kind) => [kind.name, kind.create({ max: POOL_SIZE, min: 0, connectMs: 0 })]));
  try {
    return await alternate(kinds, mode.rounds, (kind) => cycleRate(pools.get(kind.name)!, task));
  } finally {
    for (const pool of pools.values()) await pool.close();
  }
}

function summarize(workers: number, perRound: Map<string, number[]>, kinds: readonly ContenderKind[]): CheckoutRow {
  const contenders = kinds.map((kind) => {
    const values = perRound.get(kind.name)!;
    return { name: kind.name, role: kind.role, perRound: values, median: median(values) };
  });
  const ours = contenders.find((c) => c.role === 'ours')!;
  const peers = contenders.filter((c) => c.role === 'peer');
  const ratios: Record<string, number> = {};
  for (const c of contenders) if (c !== ours && c.role !== 'variant') ratios[c.name] = medianRatio(ours.perRound, c.perRound);
  const fastest = ours.perRound.map((_, i) => Math.max(...peers.map((p) => p.perRound[i]!)));
  const vsFastestPeer = medianRatio(ours.perRound, fastest);
  const variants: Record<string, number> = {};
  const variantsVsOurs: Record<string, number> = {};
  for (const c of contenders) {
    if (c.role !== 'variant') continue;
    variants[c.name] = medianRatio(c.perRound, fastest);
    variantsVsOurs[c.name] = medianRatio(c.perRound, ours.perRound);
  }
  return { workers, contenders, ratios, vsFastestPeer, variants, variantsVsOurs, targetMet: vsFastestPeer >= CHECKOUT_TARGET };
}

function tables(rows: readonly CheckoutRow[]): Table[] {
  const names = rows[0]!.contenders.map((c) => c.name);
  const speed: Table = {
    title: `Checkout cycles, M per CPU second (median of rounds; pool ${POOL_SIZE}, no-I/O driver)`,
    columns: ['contender', ...rows.map((r) => `${r.workers} worker${r.workers === 1 ? '' : 's'}`)],
    rows: names.map((name, i) => [name, ...rows.map((r) => fixed(r.contenders[i]!.median))]),
  };
  const ours = rows[0]!.contenders.find((c) => c.role === 'ours')!.name;
  const ratio: Table = {
    title: `Ratio ${ours} / theirs (median of per-round ratios; target ≥ ${CHECKOUT_TARGET}× the fastest peer)`,
    columns: ['vs', ...rows.map((r) => `${r.workers} w`)],
    rows: [
      ...Object.keys(rows[0]!.ratios).map((name) => [name, ...rows.map((r) => times(r.ratios[name]!))]),
      ['fastest peer', ...rows.map((r) => times(r.vsFastestPeer))],
      ['target met', ...rows.map((r) => (r.targetMet ? 'yes' : 'NO'))],
      ...Object.keys(rows[0]!.variants).flatMap((name) => [
        [`${name} vs fastest peer`, ...rows.map((r) => times(r.variants[name]!))],
        [`${name} vs ${ours}`, ...rows.map((r) => times(r.variantsVsOurs[name]!))],
      ]),
    ],
  };
  return [speed, ratio];
}

/** Part 1: acquire + release with a no-I/O driver at 1, 10 and 100 concurrent workers. */
export async function checkout(mode: Mode, kinds: readonly ContenderKind[] = CHECKOUT_CONTENDERS): Promise<SuiteResult<CheckoutRow[]>> {
  const rows: CheckoutRow[] = [];
  for (const workers of [1, 10, 100]) rows.push(summarize(workers, await measureAt(workers, mode, kinds), kinds));
  return {
    name: 'checkout',
    title: '1. Checkout cycle, no-I/O driver',
    tables: tables(rows),
    notes: [
      mode.isolate && canIsolate()
        ? `${mode.rounds} rounds, contenders alternating; each measurement in a fresh \`node\` process of its own (warm-up ≥ ${mode.quick ? 30 : 200} ms, then ~${mode.measureMs} ms measured), so no pool runs on code V8 shaped for another.`
        : `${mode.rounds} rounds after a warm-up round, contenders alternating, in this process, one pool per contender kept across rounds; ~${mode.measureMs} ms per measurement after a warm-up of its own.`,
      'Rates are cycles per CPU second of the process (user + system), not per wall second: on this virtual machine the host steals up to a third of the time, and wall time would charge that to whichever pool was running.',
      'A cycle is `await acquire()` then release, awaited where the pool\'s release returns a promise (@pool, generic-pool), as `await using` does. The row with release not awaited is for information only.',
      '"@pool with OpenTelemetry on" is the same engine instrumented by @pool/otel into a real OpenTelemetry SDK MeterProvider (a periodic reader, cumulative, to an in-memory exporter): each cycle reads the clock at checkout and records a wait and a use in the SDK\'s histograms. For information: what turning metrics on costs. The plain @pool row has no listener, so it reads no clock at checkout.',
      '@pool runs its defaults except `poolSize: 10, maxOverflow: 0` (at most 10, like the peers); `resetOnReturn` stays `rollback` and is skipped because the driver reports no open transaction.',
    ],
    targets: rows.map((r) => ({ label: `checkout, ${r.workers} worker${r.workers === 1 ? '' : 's'}, vs the fastest peer`, value: r.vsFastestPeer, atLeast: CHECKOUT_TARGET, met: r.targetMet })),
    data: rows,
  };
}
