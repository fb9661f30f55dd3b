import type * as TestkitModule from '@pool/testkit';
import type { FaultProxy, FaultProxyOptions } from '@pool/testkit';
import type { SuiteResult, Table } from '../report.js';
import { rotate } from '../measure.js';
import type { FaultContender, FaultDriver } from '../faults/fault-contenders.js';
import { FAULT_CONTENDERS, FAULT_LIMITS } from '../faults/fault-contenders.js';
import type { FaultCell, FaultTimings } from '../faults/fault-run.js';
import { runFault } from '../faults/fault-run.js';
import type { FaultScenario } from '../faults/fault-scenarios.js';
import { FAULT_SCENARIOS } from '../faults/fault-scenarios.js';
import type { FaultServer } from '../faults/fault-server.js';
import { fillServer } from '../faults/fault-server.js';
import { attemptsTable, faultTable } from '../faults/fault-table.js';
import type { Mode } from './mode.js';

const FULL_TIMINGS: FaultTimings = { warmMs: 500, faultMs: 3000, afterFirstGoodMs: 500, recoveryCapMs: 8000 };
const QUICK_TIMINGS: FaultTimings = { warmMs: 200, faultMs: 300, afterFirstGoodMs: 100, recoveryCapMs: 2000 };

const DATABASES: Readonly<Record<FaultDriver, string>> = { pg: 'PostgreSQL', mysql: 'MariaDB' };

/** What the faults comparison measured, for the JSON output and the README. */
export interface FaultsData {
  readonly quick: boolean;
  readonly timings: FaultTimings;
  readonly cells: readonly FaultCell[];
}

/** The test kit, imported when the comparison runs (it is a dev dependency of the bench). */
type Testkit = typeof TestkitModule;

/** A private server for `driver`, with its scope and filler, from the test kit. */
async function startServer(testkit: Testkit, driver: FaultDriver): Promise<FaultServer> {
  if (driver === 'pg') {
    const server = await testkit.startPrivatePostgres();
    return {
      driver,
      server,
      scope: () => testkit.pgScope(server.url),
      fill: () => fillServer(() => testkit.pgAdminClient(server.url), (error) => (error as { code?: unknown }).code === '53300'),
    };
  }
  const server = await testkit.startPrivateMariadb();
  return {
    driver,
    server,
    scope: () => testkit.mysqlScope(server.url),
    fill: () => fillServer(() => testkit.mysqlAdminClient(server.url), (error) => (error as { code?: unknown }).code === 'ER_CON_COUNT_ERROR'),
  };
}

/** Every scenario for every pool of one driver; a run that could not be measured is said in `failures`. */
async function runDriver(
  testkit: Testkit,
  driver: FaultDriver,
  scenarios: readonly FaultScenario[],
  timings: FaultTimings,
  failures: string[],
): Promise<FaultCell[]> {
  const contenders = FAULT_CONTENDERS.filter((c) => c.driver === driver);
  const server = await startServer(testkit, driver);
  const startProxy = (options: FaultProxyOptions): Promise<FaultProxy> => testkit.startFaultProxy(options);
  const cells: FaultCell[] = [];
  try {
    for (const [i, scenario] of scenarios.entries()) {
      // Each scenario starts with the next pool, so no pool always runs first.
      for (const contender of rotate(contenders, i)) {
        try {
          cells.push(await runFault(server, startProxy, scenario, contender, timings));
        } catch (error) {
          failures.push(`${scenario.label} with ${contender.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
        // A scenario that stopped the server (restart) must not leave it down for the next one.
        if (!server.server.running) await server.server.start();
      }
    }
  } finally {
    await server.server.dispose();
  }
  return cells;
}

function tablesOf(scenarios: readonly FaultScenario[], cells: readonly FaultCell[], timings: FaultTimings): Table[] {
  const tables: Table[] = [];
  for (const driver of ['pg', 'mysql'] as const) {
    const contenders: readonly FaultContender[] = FAULT_CONTENDERS.filter((c) => c.driver === driver);
    const mine = cells.filter((cell) => contenders.some((c) => c.name === cell.contender));
    if (mine.length === 0) continue;
    tables.push(faultTable(`${DATABASES[driver]}: ${contenders.map((c) => c.name).join(' vs ')}`, scenarios, contenders, mine, timings.recoveryCapMs));
  }
  const attempts = attemptsTable(cells);
  if (attempts !== undefined) tables.push(attempts);
  return tables;
}

/** The rows' and columns' meaning, printed with the tables. */
export function faultNotes(scenarios: readonly FaultScenario[], timings: FaultTimings, cells: readonly FaultCell[]): string[] {
  const { size, connectTimeout, acquireTimeout, statementTimeout } = FAULT_LIMITS;
  const notes = [
    `Each pool: at most ${size} connections and ${size} callers, each calling checkout + \`SELECT 1\` + release back to back (10 ms apart, whatever the outcome), against a private server behind a fault-injecting proxy (@pool/testkit), one run per pool and scenario.`,
    `The same limits for all, as a careful user sets them: ${connectTimeout} s to open a connection, ${acquireTimeout} s to get one, ${statementTimeout} s per statement. @pool: \`connectTimeout\`, \`poolTimeout\`, \`queryTimeout\`, and \`prePing\`. pg.Pool: \`connectionTimeoutMillis\` (getting a client, waiting or connecting), \`query_timeout\`, a failed client released with its error. mysql2's pool: \`connectTimeout\` and a per-query \`timeout\` (it has no acquire timeout).`,
    `The fault lasts ${(timings.faultMs / 1000).toFixed(1)} s after ${(timings.warmMs / 1000).toFixed(1)} s of normal traffic. Columns: **failed** = calls that failed (or hung) out of the calls that ended from the fault's start to the end of the run (a pool that fails callers at once answers more calls in the same time: compare shares, not counts); **longest call** = the longest of those (hung: still running when the run ended); **first good** = from the fault clearing (the server reachable again) to the first call that succeeded after it (capped at ${(timings.recoveryCapMs / 1000).toFixed(0)} s); **connects** = connections the server's port saw from the fault's start to the end.`,
    ...scenarios.map((scenario) => `*${scenario.label}*: ${scenario.meaning}.`),
  ];
  const crashed = cells.filter((cell) => cell.uncaught > 0);
  for (const cell of crashed) notes.push(`${cell.contender} raised ${cell.uncaught} uncaught exceptions or unhandled rejections during *${cell.scenario}* (counted, so the run could go on: in an application, each would have crashed the process).`);
  return notes;
}

/** Part 7: the pools side by side while the database misbehaves (private servers behind a fault proxy). */
export async function faults(mode: Mode): Promise<SuiteResult<FaultsData>> {
  const title = '7. When the database misbehaves';
  const timings = mode.quick ? QUICK_TIMINGS : FULL_TIMINGS;
  const scenarios = mode.quick ? FAULT_SCENARIOS.filter((s) => s.quick) : FAULT_SCENARIOS;
  const cells: FaultCell[] = [];
  const skipped: string[] = [];
  const testkit = await import('@pool/testkit');
  for (const driver of ['pg', 'mysql'] as const) {
    try {
      cells.push(...(await runDriver(testkit, driver, scenarios, timings, skipped)));
    } catch (error) {
      skipped.push(`${DATABASES[driver]}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const notes = faultNotes(scenarios, timings, cells);
  if (mode.quick) {
    notes.unshift(`--quick runs only ${scenarios.map((s) => `*${s.label}*`).join(', ')}, with a ${timings.faultMs / 1000} s fault, to prove the comparison still runs: \`pnpm bench faults\` runs all ${FAULT_SCENARIOS.length} scenarios.`);
  }
  for (const reason of skipped) notes.push(`Skipped: ${reason}`);
  return { name: 'faults', title, tables: tablesOf(scenarios, cells, timings), notes, data: { quick: mode.quick, timings, cells } };
}
