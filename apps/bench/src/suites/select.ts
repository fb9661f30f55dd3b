import { median, now } from '../measure.js';
import type { SuiteResult, Table, Target } from '../report.js';
import { fixed, times } from '../report.js';
import { alternate, medianRatio } from '../rounds.js';
import { MYSQL_CONTENDERS } from '../sql/mysql-contenders.js';
import { PG_CONTENDERS } from '../sql/pg-contenders.js';
import { MYSQL_URL, PG_URL } from '../sql/servers.js';
import type { SqlContender, SqlRunner } from '../sql/sql-contender.js';
import type { Mode } from './mode.js';

const WORKERS = 20;

/** One database's `SELECT 1` comparison. */
export interface SelectDb {
  readonly db: string;
  readonly url: string;
  readonly skipped?: string;
  /** Statements per second, per round, by contender. */
  readonly perRound: Readonly<Record<string, readonly number[]>>;
  readonly medians: Readonly<Record<string, number>>;
  /** Median client CPU per statement (µs), by contender. */
  readonly cpuMicros: Readonly<Record<string, number>>;
  readonly targets: readonly Target[];
}

/** Statements per second, and the bench process's CPU (user + system) per statement in µs. */
export interface SqlSample {
  readonly perSecond: number;
  readonly cpuMicros: number;
}

/** `WORKERS` workers running `cycle` until `ms` pass. */
async function throughput(runner: SqlRunner, ms: number): Promise<SqlSample> {
  let stop = false;
  let count = 0;
  const timer = setTimeout(() => (stop = true), ms);
  const cpu = process.cpuUsage();
  const start = now();
  const worker = async (): Promise<void> => {
    while (!stop) {
      await runner.cycle();
      count++;
    }
  };
  try {
    await Promise.all(Array.from({ length: WORKERS }, worker));
  } finally {
    clearTimeout(timer);
  }
  const used = process.cpuUsage(cpu);
  return { perSecond: count / ((now() - start) / 1000), cpuMicros: (used.user + used.system) / count };
}

async function reachable(contender: SqlContender, url: string): Promise<string | undefined> {
  const runner = contender.create(url);
  try {
    await runner.cycle();
    return undefined;
  } catch (error) {
    return `${url.replace(/:[^:@/]*@/, ':***@')} not reachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await runner.close().catch(() => undefined);
  }
}

function targetsFor(db: string, contenders: readonly SqlContender[], perRound: Map<string, number[]>): Target[] {
  const [ours, prePing, , peer] = contenders.map((c) => perRound.get(c.name)!);
  const [oursName, prePingName, , peerName] = contenders.map((c) => c.name);
  const vsPeer = medianRatio(ours!, peer!);
  const pingCost = medianRatio(prePing!, ours!);
  return [
    { label: `${db}: ${oursName} / ${peerName} (checkout + SELECT 1 + release)`, value: vsPeer, atLeast: 1, met: vsPeer >= 1 },
    { label: `${db}: ${prePingName} / ${oursName} (prePing with the default bypass)`, value: pingCost, atLeast: 0.95, met: pingCost >= 0.95 },
  ];
}

async function compare(db: string, url: string, contenders: readonly SqlContender[], mode: Mode): Promise<SelectDb> {
  const skipped = await reachable(contenders[0]!, url);
  if (skipped !== undefined) return { db, url, skipped, perRound: {}, medians: {}, cpuMicros: {}, targets: [] };
  const measureMs = mode.quick ? 150 : 1000;
  const samples = await alternate(contenders, mode.rounds, async (contender) => {
    const runner = contender.create(url);
    try {
      await throughput(runner, measureMs / 5);
      return await throughput(runner, measureMs);
    } finally {
      await runner.close();
    }
  });
  const perRound = new Map([...samples].map(([name, runs]) => [name, runs.map((r) => r.perSecond)]));
  const medians = Object.fromEntries([...perRound].map(([name, values]) => [name, median(values)]));
  const cpuMicros = Object.fromEntries([...samples].map(([name, runs]) => [name, median(runs.map((r) => r.cpuMicros))]));
  return { db, url, perRound: Object.fromEntries(perRound), medians, cpuMicros, targets: targetsFor(db, contenders, perRound) };
}

function table(result: SelectDb, contenders: readonly SqlContender[]): Table {
  const checkoutPeer = contenders.find((c) => c.role === 'peer')!.name;
  const peers = contenders.filter((c) => c.role === 'peer');
  const ratio = (name: string, against: string): string => times(medianRatio(result.perRound[name]!, result.perRound[against]!));
  return {
    title: `${result.db}: SELECT 1, ${WORKERS} workers, pool 10 (statements/s, median of rounds)`,
    columns: ['contender', 'k stmts/s', `vs ${checkoutPeer}`, `vs ${peers[1]!.name}`, 'client CPU µs/stmt'],
    rows: contenders.map((c) => [
      c.name, fixed(result.medians[c.name]! / 1000, 1), ratio(c.name, checkoutPeer), ratio(c.name, peers[1]!.name), fixed(result.cpuMicros[c.name]!, 1),
    ]),
  };
}

/** Part 2: SELECT 1 through @pool/pg vs pg.Pool and @pool/mysql vs mysql2's pool, on the loopback servers. */
export async function select(mode: Mode): Promise<SuiteResult<SelectDb[]>> {
  const sets = [['PostgreSQL', PG_URL, PG_CONTENDERS], ['MariaDB/MySQL', MYSQL_URL, MYSQL_CONTENDERS]] as const;
  const results: SelectDb[] = [];
  for (const [db, url, contenders] of sets) results.push(await compare(db, url, contenders, mode));
  const skipped = results.filter((r) => r.skipped !== undefined).map((r) => r.skipped!);
  return {
    name: 'select',
    title: '2. SELECT 1 through the drivers',
    tables: results.filter((r) => r.skipped === undefined).map((r) => table(r, r.db === 'PostgreSQL' ? PG_CONTENDERS : MYSQL_CONTENDERS)),
    notes: [
      `${mode.rounds} rounds after a warm-up round, contenders alternating; each measurement ${mode.quick ? 150 : 1000} ms after a warm-up of its own, on a fresh pool of at most 10 connections.`,
      'Checkout path: `await connect()`, `await query(\'SELECT 1\')`, release (awaited for @pool). mysql2 through its promise API (`mysql2/promise`), as async code uses it.',
      'prePing with the default prePingBypass (0.5 s): a connection returned healthy less than 0.5 s ago is not pinged, so under load no ping is sent.',
      'The servers run on the same machine and share its cores with the bench (and with whatever else runs there), so statements/s moves with the server; the client CPU per statement is the steadier measure of what the pool adds.',
      ...skipped.map((s) => `Skipped: ${s}`),
    ],
    ...(skipped.length === sets.length ? { skipped: skipped.join('; ') } : {}),
    targets: results.flatMap((r) => r.targets),
    data: results,
  };
}
