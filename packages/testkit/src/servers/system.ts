import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A user to run a server as: database servers refuse to run as root. */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Who a server runs as: nobody else when we are not root; the named system user (`postgres`)
 * when we are, since postgres and pgbouncer refuse to run as root.
 */
export function runAs(user: string): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith(`${user}:`));
  const fields = line?.split(':');
  if (fields === undefined || fields.length < 4) throw new Error(`Running as root, and there is no "${user}" user to run the server as`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** The first of `names` found in `dirs` or on PATH. */
export function findBinary(names: readonly string[], dirs: readonly string[] = []): string {
  const path = (process.env.PATH ?? '').split(delimiter);
  for (const dir of [...dirs, ...path, '/usr/sbin', '/usr/local/sbin']) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (dir !== '' && existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`None of ${names.join(', ')} was found (looked in ${[...dirs, 'PATH', '/usr/sbin'].join(', ')})`);
}

/** PostgreSQL's bin directory: `POOL_PG_BIN`, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string[] {
  const fromEnv = process.env.POOL_PG_BIN;
  if (fromEnv !== undefined && fromEnv !== '') return [fromEnv];
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
}

// Every server process a test started, killed if the worker exits without disposing it.
const running = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [child, signal] of running) child.kill(signal);
  });
}

/** How to start a server process. */
export interface ServerSpawnOptions extends SpawnOptions {
  /** Run as this user (see runAs). */
  readonly as?: RunAs | undefined;
  /** Sent if the worker exits with the server still running. Default SIGKILL. */
  readonly exitSignal?: NodeJS.Signals;
}

/** Start a long-running server process, remembered so a crashed test cannot leave it behind. */
export function spawnServer(command: string, args: readonly string[], options: ServerSpawnOptions): ChildProcess {
  killAllOnExit();
  const { as, exitSignal, ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: 'ignore', ...spawnOptions, ...(as ?? {}) });
  running.set(child, exitSignal ?? 'SIGKILL');
  child.once('exit', () => running.delete(child));
  child.on('error', () => undefined);
  return child;
}

/** Run a command to completion; reject with its output when it fails. */
export function run(command: string, args: readonly string[], options: SpawnOptions & { as?: RunAs | undefined } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, ...(options.as ?? {}) });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.slice(-2000)}`));
    });
  });
}

/** Resolve once `child` has exited; after `graceMs`, send `escalate` (SIGKILL by default). */
export function exited(child: ChildProcess, graceMs = 10_000, escalate: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill(escalate), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
