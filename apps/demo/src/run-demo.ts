import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoContext } from './demo-context.js';
import { demoEngine } from './demo-context.js';
import { exhaustion } from './pitfalls/exhaustion.js';
import { leak } from './pitfalls/leak.js';
import type { PitfallResult } from './pitfalls/pitfall.js';
import { reset } from './pitfalls/reset.js';
import { stale } from './pitfalls/stale.js';
import type { ScenarioSummary } from './run-scenario.js';
import { runScenario } from './run-scenario.js';
import { DOCUMENT_SCENARIOS } from './scenarios.js';
import { timelineSvg } from './timeline-svg.js';

/** The JSON document `pnpm demo --json` prints. */
export interface DemoReport {
  /** The database URL, password shown as `***`. */
  readonly url: string;
  /** The four document scenarios, then the four pitfalls. */
  readonly scenarios: readonly (ScenarioSummary | PitfallResult)[];
}

/** The report, and every broken limit or uncaught pitfall (the demo exits non-zero when there is one). */
export interface DemoOutcome {
  readonly report: DemoReport;
  readonly problems: readonly string[];
}

const PITFALLS: readonly { readonly name: PitfallResult['name']; readonly title: string; run(context: DemoContext): Promise<PitfallResult> }[] = [
  { name: 'exhaustion', title: 'more holders than connections, a PoolTimeoutError answered as a 503', run: exhaustion },
  { name: 'leak', title: 'a connection never released, reported by leakDetection', run: leak },
  { name: 'stale', title: "idle connections killed behind the pool's back, replaced (prePing) before a caller sees them", run: stale },
  { name: 'reset', title: 'a transaction left open, rolled back on return', run: reset },
];

/** Run the guide's four examples and the four pitfalls, in order, on the context's database. */
export async function runDemo(context: DemoContext, timelineDir: string | undefined): Promise<DemoOutcome> {
  await checkReachable(context);
  const scenarios: (ScenarioSummary | PitfallResult)[] = [];
  const problems: string[] = [];
  for (const scenario of DOCUMENT_SCENARIOS) {
    context.say('');
    context.say(`== ${scenario.name}: ${scenario.source}, ${scenario.tasks} tasks`);
    const run = await runScenario(context, scenario);
    const s = run.summary;
    context.say(`Summary: ${s.tasks} tasks, ${s.failed} failed; ${s.distinctConnections} distinct backend PIDs; at most ${s.maxOpen} connections open at once (limit ${run.limit}); ${s.waited} tasks waited; wall time ${s.wallSeconds.toFixed(3)} s`);
    context.say(`Final status: ${s.finalStatus}`);
    if (timelineDir !== undefined) {
      const file = join(timelineDir, `${scenario.name}.svg`);
      writeFileSync(file, timelineSvg(`${scenario.source}, ${scenario.tasks} tasks`, s, run.records));
      context.say(`Timeline: ${file}`);
    }
    for (const problem of run.problems) context.say(`LIMIT BROKEN: ${problem}`);
    sayMetrics(context);
    problems.push(...run.problems.map((p) => `${scenario.name}: ${p}`));
    scenarios.push(s);
  }
  for (const pitfall of PITFALLS) {
    context.say('');
    context.say(`== Pitfall ${pitfall.name}: ${pitfall.title}`);
    const result = await pitfall.run(context).catch((error: unknown): PitfallResult => ({
      name: pitfall.name,
      ok: false,
      detail: `the scenario itself failed: ${error instanceof Error ? error.message : String(error)}`,
    }));
    context.say(`${result.ok ? 'Caught' : 'NOT CAUGHT'}: ${result.detail}`);
    sayMetrics(context);
    if (!result.ok) problems.push(`${result.name}: ${result.detail}`);
    scenarios.push(result);
  }
  return { report: { url: context.redactedUrl, scenarios }, problems };
}

/** With --metrics: what the scenario's pools exported to OpenTelemetry. */
function sayMetrics(context: DemoContext): void {
  for (const line of context.metrics?.report() ?? []) context.say(line);
}

/** Fail early, with one clear message, when the database cannot be reached at all. */
async function checkReachable(context: DemoContext): Promise<void> {
  await using engine = demoEngine(context, { poolSize: 1, maxOverflow: 0, connectTimeout: 10 });
  await engine.query('SELECT 1');
}
