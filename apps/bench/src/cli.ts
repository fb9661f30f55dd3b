import { parseArgs } from 'node:util';
import type { Mode } from './suites/mode.js';
import { FULL, QUICK } from './suites/mode.js';

/** What the command line asked for. */
export interface Command {
  readonly mode: Mode;
  /** Comparisons by name; empty = all. */
  readonly only: readonly string[];
  readonly json: string | undefined;
  readonly list: boolean;
  readonly help: boolean;
  /** Write the faults comparison into the root README's generated section. */
  readonly writeReadme: boolean;
}

export const USAGE = `Usage: pnpm bench [comparison ...] [--quick] [--rounds N] [--in-process] [--json FILE] [--list]

  comparison    run only these (see --list); default: all
  --quick       everything once, briefly (CI: proves the bench still runs; numbers are rough)
  --rounds N    measured rounds per comparison (default 7; --quick: 2)
  --in-process  measure checkout cycles in this process, not one child process per measurement
  --json FILE   also write every number as JSON
  --write-readme  (with faults) write its tables into the README's "When the database misbehaves" section
  --list        list the comparisons and exit`;

/** A command line the bench does not understand; the usage is printed with it. */
export class UsageError extends Error {}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        quick: { type: 'boolean', default: false },
        rounds: { type: 'string' },
        json: { type: 'string' },
        'in-process': { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        'write-readme': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parse argv (without node and the script). Throws a UsageError on anything unknown. */
export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parse(argv);
  let mode = values.quick ? QUICK : FULL;
  if (values.rounds !== undefined) {
    const rounds = Number(values.rounds);
    if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError(`--rounds must be a whole number ≥ 1, got ${values.rounds}`);
    mode = { ...mode, rounds };
  }
  if (values['in-process']) mode = { ...mode, isolate: false };
  const writeReadme = values['write-readme'];
  if (writeReadme && !positionals.includes('faults')) throw new UsageError('--write-readme writes the faults comparison: run it with `faults`');
  if (writeReadme && values.quick) throw new UsageError('--write-readme needs the full faults run, not --quick');
  return { mode, only: positionals, json: values.json, list: values.list, help: values.help, writeReadme };
}
