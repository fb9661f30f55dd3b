import type { FaultProxy, FaultProxyOptions } from '@pool/testkit';
import { now, sleep } from '../measure.js';
import { CallLoop } from './call-loop.js';
import type { CallRecord } from './call-loop.js';
import type { FaultContender } from './fault-contenders.js';
import { FAULT_LIMITS } from './fault-contenders.js';
import type { FaultScenario, ScenarioTimeline } from './fault-scenarios.js';
import type { FaultServer } from './fault-server.js';

/** How long each phase of a run lasts. */
export interface FaultTimings {
  /** Callers running before the fault (every connection open). */
  readonly warmMs: number;
  readonly faultMs: number;
  /** After the fault clears: keep going this long once a call succeeded… */
  readonly afterFirstGoodMs: number;
  /** …but give up waiting for one after this long. */
  readonly recoveryCapMs: number;
}

/** What one pool did under one fault, from the moment it began. */
export interface FaultCell {
  readonly scenario: string;
  readonly contender: string;
  /** Calls that ended (or were still running) after the fault began. */
  readonly calls: number;
  /** Of those, the ones that failed, plus the hung ones. */
  readonly failed: number;
  /** Calls still running when the run ended (they had hung for at least `longestMs`). */
  readonly hung: number;
  readonly longestMs: number;
  /** From the fault clearing to the first call that succeeded after it; Infinity: none did; NaN: the server never went away. */
  readonly firstGoodMs: number;
  /** Connections the server's port saw from the fault to the end. */
  readonly connects: number;
  readonly attemptsPerSecond: number | undefined;
  /** Uncaught exceptions and unhandled rejections while the pool ran (a pool that would have crashed the process). */
  readonly uncaught: number;
}

const WORKERS = FAULT_LIMITS.size;
const THINK_MS = 10;
/** Calls still running this long after the callers stop are counted as hung and left behind. */
const HANG_GRACE_MS = 1000;
const CLOSE_GRACE_MS = 2000;

/** Run `scenario` against one pool behind a fresh proxy, and measure what its callers saw. */
export async function runFault(
  server: FaultServer,
  startProxy: (options: FaultProxyOptions) => Promise<FaultProxy>,
  scenario: FaultScenario,
  contender: FaultContender,
  timings: FaultTimings,
): Promise<FaultCell> {
  const scope = await server.scope();
  await using proxy = await startProxy({ upstream: server.server.port, maxLifetime: 120 });
  const client = contender.create(proxy.urlFor(scope.url));
  const loop = new CallLoop(() => client.call(), WORKERS, THINK_MS);
  // A peer whose socket errors go unheard would crash the process: count them instead.
  const crash = (): void => void loop.uncaught++;
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    await sleep(timings.warmMs);
    const connectsBefore = proxy.accepted;
    const timeline = await scenario.run({ proxy, server, scope, loop, faultMs: timings.faultMs });
    await recover(loop, timeline, timings);
    await loop.stop(HANG_GRACE_MS);
    return measure(scenario, contender, loop, timeline, proxy.accepted - connectsBefore);
  } finally {
    // pg.Pool's end() waits for clients that never come back: give up on it after a while.
    await Promise.race([client.close().catch(() => undefined), sleep(CLOSE_GRACE_MS)]);
    await proxy.stop();
    await sleep(50);
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
    // Ends what the pool left on the server; its admin session is gone if the server restarted.
    await Promise.resolve(scope[Symbol.asyncDispose]()).catch(() => undefined);
  }
}

/** Keep the callers going until a call succeeded after the fault (then a little longer), or the cap. */
async function recover(loop: CallLoop, timeline: ScenarioTimeline, timings: FaultTimings): Promise<void> {
  const from = timeline.healedAt ?? now();
  const deadline = from + timings.recoveryCapMs;
  while (now() < deadline && firstGood(loop.records, from) === undefined) await sleep(10);
  await sleep(timings.afterFirstGoodMs);
}

function firstGood(records: readonly CallRecord[], from: number): number | undefined {
  let first: number | undefined;
  for (const record of records) if (record.ok && record.endedAt >= from && (first === undefined || record.endedAt < first)) first = record.endedAt;
  return first;
}

function measure(scenario: FaultScenario, contender: FaultContender, loop: CallLoop, timeline: ScenarioTimeline, connects: number): FaultCell {
  const stoppedAt = now();
  const ended = loop.records.filter((record) => record.endedAt >= timeline.faultAt);
  const hung = loop.pending;
  const longest = Math.max(0, ...ended.map((record) => record.endedAt - record.startedAt), ...hung.map((startedAt) => stoppedAt - startedAt));
  const good = timeline.healedAt === undefined ? undefined : firstGood(loop.records, timeline.healedAt);
  return {
    scenario: scenario.key,
    contender: contender.name,
    calls: ended.length + hung.length,
    failed: ended.filter((record) => !record.ok).length + hung.length,
    hung: hung.length,
    longestMs: longest,
    firstGoodMs: timeline.healedAt === undefined ? NaN : good === undefined ? Infinity : good - timeline.healedAt,
    connects,
    attemptsPerSecond: timeline.attemptsPerSecond,
    uncaught: loop.uncaught,
  };
}
