import type { ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { sleep } from '../wait.js';
import { pgQuery } from './pg-client.js';
import { exited, findBinary, runAs, spawnServer } from './system.js';

/** Options of `startPgBouncer`. */
export interface PgBouncerOptions {
  /** The PostgreSQL server behind it, as a URL (host, port, user, database are used). */
  readonly target: string;
  /** `transaction` (default), `session` or `statement`. */
  readonly poolMode?: 'transaction' | 'session' | 'statement';
  /** Server connections per database/user pair. Default 2. */
  readonly poolSize?: number;
  /** Extra `[pgbouncer]` settings. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Seconds to wait for it to accept connections. Default 15. */
  readonly startTimeout?: number;
}

/** A running PgBouncer a test owns. */
export interface PgBouncer extends AsyncDisposable {
  /** URL of the target database through PgBouncer (same database name and user). */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * A PgBouncer of our own on a free loopback port (the Debian `pgbouncer` package), in front of
 * `target`. It runs as the `postgres` user when we are root (PgBouncer refuses root), with
 * `auth_type = any` so any client user logs in as the target's user. Stopped and its files
 * removed on dispose.
 */
export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const pgbouncer = findBinary(['pgbouncer']);
  const target = new URL(options.target);
  const database = decodeURIComponent(target.pathname.slice(1)) || 'postgres';
  const user = decodeURIComponent(target.username) || 'postgres';
  const as = runAs('postgres');
  const dir = await mkdtemp(join(tmpdir(), 'pool-pgbouncer-'));
  if (as !== undefined) await chown(dir, as.uid, as.gid);
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addr: '127.0.0.1', listen_port: String(port), unix_socket_dir: '', auth_type: 'any',
    pool_mode: options.poolMode ?? 'transaction', default_pool_size: String(options.poolSize ?? 2),
    max_client_conn: '200', logfile: join(dir, 'pgbouncer.log'), pidfile: '', server_login_retry: '1',
    ...options.settings,
  };
  const server = `host=${target.hostname} port=${target.port || '5432'} dbname=${database} user=${user}`;
  const password = decodeURIComponent(target.password);
  const ini = [
    '[databases]',
    `${database} = ${server}${password ? ` password=${password}` : ''}`,
    '[pgbouncer]',
    ...Object.entries(settings).map(([name, value]) => `${name} = ${value}`),
    '',
  ].join('\n');
  const config = join(dir, 'pgbouncer.ini');
  await writeFile(config, ini, { mode: 0o600 });
  if (as !== undefined) await chown(config, as.uid, as.gid);
  const child: ChildProcess = spawnServer(pgbouncer, [config], { as, cwd: dir, exitSignal: 'SIGKILL' });
  const url = `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const stop = async (): Promise<void> => {
    // SIGINT: PgBouncer's immediate shutdown.
    child.kill('SIGINT');
    await exited(child, 5_000);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.startTimeout ?? 15) * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`pgbouncer exited at start (${child.exitCode ?? child.signalCode})`);
    }
    try {
      await pgQuery(url, 'SELECT 1');
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error('pgbouncer did not accept connections in time', { cause: error });
      }
    }
    await sleep(20);
  }
  return { url, port, stop, [Symbol.asyncDispose]: stop };
}
