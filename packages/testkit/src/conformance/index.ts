import { describeBackendSessions } from './backend-sessions.js';
import { describeCheckoutLimits } from './checkout-limits.js';
import { describeConnectFailures } from './connect-failures.js';
import { describeKilledSessions } from './killed-sessions.js';
import { describeResetOnReturn } from './reset-on-return.js';
import { describeServerRestart } from './server-restart.js';
import type { ConformanceTarget } from './target.js';

/**
 * Every conformance group the target's capabilities allow, in one file. Drivers with a server
 * split them over several test files instead, so that vitest runs them in parallel.
 */
export function describeConformance<Raw>(target: ConformanceTarget<Raw>): void {
  describeCheckoutLimits(target);
  describeResetOnReturn(target);
  describeConnectFailures(target);
  describeServerRestart(target);
  if (target.serverSessions) {
    describeBackendSessions(target);
    describeKilledSessions(target);
  }
}
