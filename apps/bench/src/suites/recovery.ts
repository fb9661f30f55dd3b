import type { FaultProxy, FaultProxyOptions, PrivateServer } from '@pool/testkit';
import { median, now, sleep } from '../measure.js';
import type { SuiteResult, Table } from '../report.js';
import { fixed } from '../report.js';
import { alternate } from '../rounds.js';
import { PG_CONTENDERS } from '../sql/pg-contenders.js';
import type { SqlContender } from '../sql/sql-contender.js';
import type { Mode } from './mode.js';

const GIVE_UP_MS = 15_000;
const IDLE_MS = 600;

/** One contender's recovery from a restart (medians over rounds). */
export interface RecoveryCell {
  readonly name: string;
  /** From the restarted server accepting connections to the first successful checkout + SELECT 1. */
  readonly recoveryMs: number;
  /** Statements that failed first (what the application saw). */
  readonly failures: number;
  readonly perRound: readonly Recovery[];
}

const names = ['@pool/pg prePing', '@pool/pg', 'pg.Pool'];
const CONTENDERS: readonly SqlContender[] = names.map((name) => PG_CONTENDERS.find((c) => c.name === name)!);

/** How the old connections die: told by the server (a restart), or not at all (a cut behind a proxy). */
type Scenario = 'restart' | 'cut';

interface Setup {
  readonly server: PrivateServer;
  readonly proxy: FaultProxy;
}

interface Recovery {
  readonly recoveryMs: number;
  readonly failures: number;
}

async function recoverOnce(setup: Setup, scenario: Scenario, contender: SqlContender): Promise<Recovery> {
  const url = scenario === 'restart' ? setup.server.url : setup.proxy.urlFor(setup.server.url);
  const runner = contender.create(url);
  try {
    // Ten connections open, then idle for longer than the default prePingBypass (0.5 s).
    await Promise.all(Array.from({ length: 10 }, () => runner.cycle()));
    await sleep(IDLE_MS);
    if (scenario === 'cut') setup.proxy.severAll();
    await setup.server.restart();
    const start = now();
    let failures = 0;
    for (;;) {
      try {
        await runner.cycle();
        return { recoveryMs: now() - start, failures };
      } catch {
        failures++;
        if (now() - start > GIVE_UP_MS) return { recoveryMs: Infinity, failures };
      }
    }
  } finally {
    await runner.close().catch(() => undefined);
  }
}

function cellsOf(perRound: Map<string, Recovery[]>): RecoveryCell[] {
  return CONTENDERS.map((c): RecoveryCell => {
    const runs = perRound.get(c.name)!;
    return { name: c.name, recoveryMs: median(runs.map((r) => r.recoveryMs)), failures: median(runs.map((r) => r.failures)), perRound: runs };
  });
}

function tableOf(title: string, cells: readonly RecoveryCell[]): Table {
  return {
    title,
    columns: ['contender', 'to first success (ms)', 'failed statements first', 'per round (ms / failures)'],
    rows: cells.map((c) => [c.name, fixed(c.recoveryMs, 1), fixed(c.failures, 0), c.perRound.map((r) => `${fixed(r.recoveryMs, 0)}/${r.failures}`).join(' ')]),
  };
}

/** Part 6: time from a PostgreSQL restart completing to the first successful query (a private server). */
export async function recovery(mode: Mode): Promise<SuiteResult<{ restart: RecoveryCell[]; cut: RecoveryCell[] } | []>> {
  const title = '6. Recovery after a PostgreSQL restart';
  let server: PrivateServer;
  let startFaultProxy: (options: FaultProxyOptions) => Promise<FaultProxy>;
  try {
    const testkit = await import('@pool/testkit');
    startFaultProxy = testkit.startFaultProxy;
    server = await testkit.startPrivatePostgres();
  } catch (error) {
    const skipped = `no private PostgreSQL could be started (${error instanceof Error ? error.message : String(error)})`;
    return { name: 'recovery', title, tables: [], notes: [], skipped, data: [] };
  }
  const proxy = await startFaultProxy({ upstream: server.port, maxLifetime: 600 });
  try {
    const rounds = mode.quick ? 1 : 5;
    const setup = { server, proxy };
    const restart = cellsOf(await alternate(CONTENDERS, rounds, (c) => recoverOnce(setup, 'restart', c), { warmUp: false }));
    const cut = cellsOf(await alternate(CONTENDERS, rounds, (c) => recoverOnce(setup, 'cut', c), { warmUp: false }));
    return {
      name: 'recovery',
      title,
      tables: [
        tableOf(`Restart of a private PostgreSQL, 10 idle connections in the pool (median of ${rounds})`, restart),
        tableOf(`The same restart behind a proxy that leaves the old connections half-open (median of ${rounds})`, cut),
      ],
      notes: [
        'A throwaway server from @pool/testkit (initdb in a temp dir, its own port); the shared server is never restarted.',
        `Each pool opens 10 connections, then sits idle ${IDLE_MS} ms (longer than the default prePingBypass of 0.5 s; a connection returned less than 0.5 s ago is handed out unpinged).`,
        'The restart is a fast shutdown (sessions are terminated, as `pg_ctl restart -m fast`), then start; the clock starts when the server accepts connections again. Then one caller retries checkout + SELECT 1 + release at once after each failure until one succeeds.',
        'In a plain restart every idle client hears its session end (57P01, then the socket closes), so every pool drops them before the first query: prePing has nothing to catch.',
        'Behind the proxy the old sockets stay open and silent (a NAT or load balancer that lost its state, a failover to a new host) and answer the next bytes with a reset: that is the case prePing is for.',
      ],
      data: { restart, cut },
    };
  } finally {
    await proxy.stop();
    await server.dispose();
  }
}
