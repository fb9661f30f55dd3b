import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { pgQuery } from './pg-client.js';
import type { PrivateServer } from './private-server.js';
import { managePrivateServer } from './private-server.js';
import { exited, findBinary, postgresBinDir, run, runAs, spawnServer } from './system.js';

/** Options of `startPrivatePostgres`. */
export interface PrivatePostgresOptions {
  /** Require this password over TCP (scram-sha-256) for user `postgres`; default: trust. */
  readonly password?: string;
  /** Extra server settings (`-c name=value`), e.g. `{ max_connections: '20' }`. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Seconds to wait for it to accept connections. Default 30. */
  readonly startTimeout?: number;
}

/**
 * A throwaway PostgreSQL on a free loopback port, in a temp directory: `initdb`, then the
 * `postgres` binary as a child process (as the `postgres` user when we are root). Restarts use
 * a fast shutdown, which terminates every session as a real restart does. The shared server is
 * never touched. Binaries: `POOL_PG_BIN`, else the newest /usr/lib/postgresql/<v>/bin, else PATH.
 */
export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivateServer> {
  const bin = postgresBinDir();
  const initdb = findBinary(['initdb'], bin);
  const postgres = findBinary(['postgres'], bin);
  const as = runAs('postgres');
  const dir = await mkdtemp(join(tmpdir(), 'pool-pg-'));
  if (as !== undefined) await chown(dir, as.uid, as.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const password = options.password;
  const auth = ['--auth-local=trust'];
  if (password === undefined) auth.push('--auth-host=trust');
  else {
    const pwfile = join(dir, 'pwfile');
    await writeFile(pwfile, password + '\n', { mode: 0o600 });
    if (as !== undefined) await chown(pwfile, as.uid, as.gid);
    auth.push('--auth-host=scram-sha-256', `--pwfile=${pwfile}`);
  }
  try {
    await run(initdb, ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions', ...auth], { as, cwd: dir });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1', unix_socket_directories: dir, fsync: 'off', synchronous_commit: 'off',
    full_page_writes: 'off', max_connections: '40', shared_buffers: '16MB', ...options.settings,
  };
  const args = ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const secret = password === undefined ? '' : `:${encodeURIComponent(password)}`;
  const url = `postgresql://postgres${secret}@127.0.0.1:${port}/postgres`;
  return managePrivateServer({
    label: `private postgres on port ${port}`,
    url,
    port,
    dir,
    startTimeoutMs: (options.startTimeout ?? 30) * 1000,
    spawn: () => spawnServer(postgres, args, { as, cwd: dir, exitSignal: 'SIGQUIT' }),
    ready: async () => void (await pgQuery(url, 'SELECT 1')),
    shutdown: async (child) => {
      // SIGINT is a fast shutdown: sessions are terminated (57P01), as in `pg_ctl restart -m fast`.
      child.kill('SIGINT');
      await exited(child, 10_000, 'SIGQUIT');
    },
  });
}
