import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/cli.js';
import { FULL, QUICK } from '../src/suites/mode.js';
import { SUITES } from '../src/suites/index.js';

describe('the bench command line', () => {
  it('runs everything in full by default', () => {
    expect(parseCommand([])).toMatchObject({ mode: FULL, only: [], json: undefined, list: false });
  });

  it('takes --quick, comparisons by name, --rounds and --json', () => {
    const command = parseCommand(['--quick', 'checkout', 'heap', '--rounds', '3', '--json', 'out.json']);
    expect(command.mode).toEqual({ ...QUICK, rounds: 3 });
    expect(command.only).toEqual(['checkout', 'heap']);
    expect(command.json).toBe('out.json');
  });

  it('measures in this process with --in-process', () => {
    expect(parseCommand(['--in-process']).mode).toEqual({ ...FULL, isolate: false });
  });

  it('rejects unknown flags and a bad round count', () => {
    expect(() => parseCommand(['--fast'])).toThrow();
    expect(() => parseCommand(['--rounds', '0'])).toThrow(/--rounds/);
  });

  it('lists the seven comparisons of the tracker, in order', () => {
    expect(SUITES.map((s) => s.name)).toEqual(['checkout', 'select', 'latency', 'spike', 'heap', 'recovery', 'faults']);
  });

  it('writes the README only from a full faults run', () => {
    expect(parseCommand(['faults', '--write-readme']).writeReadme).toBe(true);
    expect(parseCommand(['faults']).writeReadme).toBe(false);
    expect(() => parseCommand(['--write-readme'])).toThrow(/faults/);
    expect(() => parseCommand(['faults', '--write-readme', '--quick'])).toThrow(/full faults run/);
  });
});
