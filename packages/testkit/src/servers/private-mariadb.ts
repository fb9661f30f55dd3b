import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { mysqlQuery } from './mysql-client.js';
import type { PrivateServer } from './private-server.js';
import { managePrivateServer } from './private-server.js';
import { exited, findBinary, run, spawnServer } from './system.js';

/** Options of `startPrivateMariadb`. */
export interface PrivateMariadbOptions {
  /** Extra server options (`--name=value`), e.g. `{ 'max-connections': '5' }`; they win over the defaults. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Seconds to wait for it to accept connections. Default 30. */
  readonly startTimeout?: number;
}

/**
 * A throwaway MariaDB (or MySQL-compatible `mariadbd`) on a free loopback port, in a temp
 * directory: `mariadb-install-db`, then `mariadbd --no-defaults` as a child process (with
 * `--user=root` when we are root). User `root` has no password; database `test` exists.
 * Stops are a normal shutdown (SIGTERM), which ends every session as a real restart does.
 * Binaries: `POOL_MARIADB_BIN`, else PATH and /usr/sbin.
 */
export async function startPrivateMariadb(options: PrivateMariadbOptions = {}): Promise<PrivateServer> {
  const dirs = process.env.POOL_MARIADB_BIN ? [process.env.POOL_MARIADB_BIN] : [];
  const installDb = findBinary(['mariadb-install-db', 'mysql_install_db'], dirs);
  const mariadbd = findBinary(['mariadbd', 'mysqld'], dirs);
  const dir = await mkdtemp(join(tmpdir(), 'pool-mariadb-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  try {
    await run(installDb, ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot], { cwd: dir });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const settings: Record<string, string> = {
    'innodb-buffer-pool-size': '16M', 'innodb-log-file-size': '16M', 'max-connections': '40', ...options.settings,
  };
  const args = [
    '--no-defaults', `--datadir=${data}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${join(dir, 'sock')}`,
    `--pid-file=${join(dir, 'pid')}`, `--log-error=${join(dir, 'error.log')}`, '--skip-log-bin', '--skip-name-resolve',
    ...Object.entries(settings).map(([name, value]) => `--${name}=${value}`), ...asRoot,
  ];
  const adminUrl = `mysql://root@127.0.0.1:${port}/`;
  const url = `mysql://root@127.0.0.1:${port}/test`;
  return managePrivateServer({
    label: `private mariadb on port ${port}`,
    url,
    port,
    dir,
    startTimeoutMs: (options.startTimeout ?? 30) * 1000,
    logHint: join(dir, 'error.log'),
    spawn: () => spawnServer(mariadbd, args, { cwd: dir, exitSignal: 'SIGKILL' }),
    ready: async () => void (await mysqlQuery(adminUrl, 'CREATE DATABASE IF NOT EXISTS test')),
    shutdown: async (child) => {
      child.kill('SIGTERM');
      await exited(child, 15_000, 'SIGKILL');
    },
  });
}
