import type { SuiteResult } from '../report.js';
import { checkout } from './checkout.js';
import { faults } from './faults.js';
import { heap } from './heap.js';
import { latency } from './latency.js';
import { recovery } from './recovery.js';
import { select } from './select.js';
import type { Mode } from './mode.js';
import { spike } from './spike.js';

/** One comparison the CLI can run by name. */
export interface Suite {
  readonly name: string;
  /** What it compares, for `--list`. */
  readonly about: string;
  /** Runs without any server (no-I/O driver only). */
  readonly coreOnly: boolean;
  run(mode: Mode): Promise<SuiteResult>;
}

/** Every comparison, in the tracker's order. */
export const SUITES: readonly Suite[] = [
  { name: 'checkout', about: '1. acquire + release, no-I/O driver, pool 10, 1/10/100 workers', coreOnly: true, run: checkout },
  { name: 'select', about: '2. SELECT 1: @pool/pg vs pg.Pool, @pool/mysql vs mysql2 pool (loopback servers)', coreOnly: false, run: select },
  { name: 'latency', about: '3. acquire latency p50/p99, callers 2:1 and 10:1', coreOnly: true, run: latency },
  { name: 'spike', about: '4. HikariCP spike test: connections left after 50 callers at once', coreOnly: true, run: spike },
  { name: 'heap', about: '5. heap per idle connection, heap growth over 1 M cycles', coreOnly: true, run: heap },
  { name: 'recovery', about: '6. time from a PostgreSQL restart to the first good query (private server)', coreOnly: false, run: recovery },
  { name: 'faults', about: '7. refuse, blackholes, resets, delay, restart, full server, session kills: @pool vs pg.Pool and mysql2 (private servers behind a fault proxy)', coreOnly: false, run: faults },
];
