import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { Command } from './cli.js';
import { parseCommand, USAGE, UsageError } from './cli.js';
import { describeMachine } from './machine.js';
import { now } from './measure.js';
import { writeGeneratedSection } from './faults/readme-section.js';
import type { SuiteResult } from './report.js';
import { renderResult, renderTable, renderTarget } from './report.js';
import type { Suite } from './suites/index.js';
import { SUITES } from './suites/index.js';

/** The comparisons asked for, or why the names given are wrong. */
function pick(only: readonly string[]): readonly Suite[] | string {
  const unknown = only.filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length > 0) return `Unknown comparison: ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.name).join(', ')}`;
  return only.length === 0 ? SUITES : SUITES.filter((s) => only.includes(s.name));
}

async function runAll(suites: readonly Suite[], command: Command): Promise<SuiteResult[]> {
  const machine = describeMachine();
  console.log(`# @pool bench${command.mode.quick ? ' (--quick: rough numbers)' : ''}\n`);
  console.log(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node} (V8 ${machine.v8}); ${machine.date}\n`);
  const results: SuiteResult[] = [];
  const started = now();
  for (const suite of suites) {
    const t0 = now();
    const result = await suite.run(command.mode);
    results.push(result);
    console.log(renderResult(result));
    console.log(`(${suite.name}: ${((now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  const targets = results.flatMap((r) => r.targets ?? []);
  if (targets.length > 0) console.log(['## Targets', '', ...targets.map((t) => `- ${renderTarget(t)}`)].join('\n') + '\n');
  console.log(`Total: ${((now() - started) / 1000).toFixed(1)} s`);
  if (command.json !== undefined) {
    await writeFile(command.json, JSON.stringify({ machine, mode: command.mode, argv: process.argv.slice(2), results }, null, 2) + '\n');
  }
  return results;
}

/** The short hash of the checked-out commit (with `+` when files differ from it), if this is a git checkout. */
function currentCommit(): string | undefined {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty === '' ? hash : `${hash}+`;
  } catch {
    return undefined;
  }
}

/** The faults comparison as the README shows it: where it was measured, its tables, what they mean. */
async function writeReadme(results: readonly SuiteResult[]): Promise<void> {
  const faults = results.find((r) => r.name === 'faults');
  if (faults === undefined || faults.tables.length === 0) throw new Error('--write-readme: the faults comparison produced no table');
  const machine = describeMachine();
  const commit = currentCommit();
  const content = [
    `Measured by \`pnpm bench faults\`${commit === undefined ? '' : ` at commit ${commit}`} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.date.slice(0, 10)}; PostgreSQL and MariaDB private servers on the same machine.`,
    '',
    ...faults.tables.flatMap((table) => [renderTable(table), '']),
    ...faults.notes.map((note) => `- ${note}`),
  ].join('\n');
  const readme = new URL('../../../README.md', import.meta.url);
  await writeGeneratedSection(readme.pathname, content);
  console.log(`README.md: the "When the database misbehaves" tables are updated`);
}

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.help || command.list) {
    console.log(command.help ? USAGE : SUITES.map((s) => `${s.name.padEnd(10)} ${s.about}`).join('\n'));
    return 0;
  }
  const suites = pick(command.only);
  if (typeof suites === 'string') {
    console.error(suites);
    return 2;
  }
  const results = await runAll(suites, command);
  if (command.writeReadme) await writeReadme(results);
  // --quick is what CI runs so that the bench cannot rot: a comparison that could not run fails it.
  const skipped = results.filter((r) => r.skipped !== undefined || r.notes.some((n) => n.startsWith('Skipped:')));
  if (command.mode.quick && skipped.length > 0) {
    console.error(`--quick: ${skipped.map((r) => r.name).join(', ')} could not run (see above)`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error);
  process.exitCode = 1;
}
