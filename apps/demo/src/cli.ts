import { parseArgs } from 'node:util';
import { DatabaseUrl } from '@pool/core';
import type { DemoContext } from './demo-context.js';
import { DemoMetrics } from './demo-metrics.js';
import { runDemo } from './run-demo.js';
import { demoTarget } from './demo-target.js';

/** Where the CLI writes and what environment it reads; `process` in main.ts, fakes in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: pnpm demo [--json | --metrics] [--out DIR]

Runs the connection-pooling guide's examples (SQLAlchemy, psycopg2, MySQL Connector, asyncpg)
and four pitfalls (exhaustion, leak, stale, reset) on an SQLite file in a temporary folder, or on
DATABASE_URL (postgresql://… or mysql://…) when it is set.

  --json      print only the JSON summary on stdout
  --metrics   after each scenario, print the OpenTelemetry metrics its pool exported
              (@pool/otel into the real SDK): what a collector would have received
  --out DIR   write the timeline pictures (SVG) to DIR
  -h, --help  show this text

Exit status: 0 when every scenario kept its limits and every pitfall was caught, 1 otherwise,
2 when the demo could not start (bad arguments, bad URL, database unreachable).
`;

/** Run the demo as `node main.js [args]` would; resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: { json: boolean; metrics: boolean; out: string | undefined; help: boolean };
  try {
    const options = { json: { type: 'boolean' }, metrics: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
    const { values } = parseArgs({ args: [...argv], options });
    args = { json: values.json ?? false, metrics: values.metrics ?? false, out: values.out, help: values.help ?? false };
    if (args.json && args.metrics) throw new Error('--metrics prints text after each scenario; it cannot be combined with --json');
  } catch (error) {
    io.stderr(`${messageOf(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const databaseUrl = io.env.DATABASE_URL === '' ? undefined : io.env.DATABASE_URL;
  try {
    if (databaseUrl !== undefined) await checkUrl(databaseUrl);
  } catch (error) {
    io.stderr(`demo: ${messageOf(error)}\n`);
    return 2;
  }
  using target = demoTarget(databaseUrl, { draw: !args.json, out: args.out });
  await using metrics = args.metrics ? new DemoMetrics() : undefined;
  const context = { ...demoContext(target.url, args.json, io), metrics };
  context.say(`Database: ${context.redactedUrl}${databaseUrl === undefined ? ' (embedded SQLite in a temporary folder; set DATABASE_URL for a server)' : ''}`);
  let outcome;
  try {
    outcome = await runDemo(context, target.timelineDir);
  } catch (error) {
    io.stderr(`demo: could not run on ${context.redactedUrl}: ${messageOf(error)}\n`);
    return 2;
  }
  if (args.json) io.stdout(`${JSON.stringify(outcome.report, null, 2)}\n`);
  else context.say(outcome.problems.length === 0 ? '\nEvery scenario kept its limits and every pitfall was caught.' : '');
  for (const problem of outcome.problems) io.stderr(`demo: ${problem}\n`);
  return outcome.problems.length === 0 ? 0 : 1;
}

/** A URL the demo cannot use fails before anything is created. */
async function checkUrl(databaseUrl: string): Promise<void> {
  const parsed = DatabaseUrl.parse(databaseUrl);
  if (parsed.backend !== 'sqlite') return;
  const { isMemoryUrl } = await import('@pool/sqlite');
  if (isMemoryUrl(parsed)) throw new Error('sqlite:///:memory: is one connection; the scenarios need a file (sqlite:///demo.db) or a server');
}

function demoContext(url: string, json: boolean, io: CliIo): DemoContext {
  const parsed = DatabaseUrl.parse(url);
  const warn = (fields: Record<string, unknown>, message: string): void => {
    const cause = fields.err === undefined ? [] : [messageOf(fields.err)];
    io.stderr(`pool: ${[message, ...cause].join(' ')}\n`);
  };
  return {
    url,
    redactedUrl: parsed.render(),
    backend: parsed.backend,
    logger: { debug: () => undefined, info: () => undefined, warn, error: warn },
    say: json ? () => undefined : (line: string) => io.stdout(`${line}\n`),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
