import type { TestProject } from 'vitest/node';
import { containersRequested, dockerAvailable, startMariadbContainer, startPostgresContainer } from './servers/containers.js';
import type { StartedDatabase } from './servers/containers.js';
import { mysqlQuery } from './servers/mysql-client.js';
import { pgQuery } from './servers/pg-client.js';
import { DEFAULT_MYSQL_URL, DEFAULT_PG_URL } from './server-urls.js';
import { sleep } from './wait.js';

/** Which shared server a project's integration tests need. */
export type ServerKind = 'postgres' | 'mariadb';

/**
 * For a project's vitest `globalSetup`: with `POOL_TESTCONTAINERS=1` and a Docker daemon,
 * start the server in a container and provide its URL to the tests (`pgUrl()`, `mysqlUrl()`);
 * otherwise use `PG_URL` / `MYSQL_URL` or the defaults. Either way, wait (up to
 * `POOL_SERVER_WAIT` seconds, default 60) until `SELECT 1` answers, as kysely's setup does, so a
 * server that is down fails the run once, clearly, instead of failing every test.
 * Returns the teardown that stops the container.
 */
export async function setupServer(project: TestProject, kind: ServerKind): Promise<() => Promise<void>> {
  const key = kind === 'postgres' ? 'pool:pgUrl' : 'pool:mysqlUrl';
  let started: StartedDatabase | undefined;
  if (containersRequested()) {
    if (await dockerAvailable()) {
      started = kind === 'postgres' ? await startPostgresContainer() : await startMariadbContainer();
      project.provide(key, started.url);
    } else {
      process.stderr.write(`POOL_TESTCONTAINERS=1 but testcontainers finds no container runtime: using the ${kind} server from the environment\n`);
    }
  }
  const url = started?.url ?? (kind === 'postgres' ? envOr('PG_URL', DEFAULT_PG_URL) : envOr('MYSQL_URL', DEFAULT_MYSQL_URL));
  await waitForServer(kind, url);
  return async () => {
    await started?.stop();
  };
}

function envOr(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

async function waitForServer(kind: ServerKind, url: string): Promise<void> {
  const seconds = Number(process.env.POOL_SERVER_WAIT ?? 60);
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      await (kind === 'postgres' ? pgQuery(url, 'SELECT 1') : mysqlQuery(url, 'SELECT 1'));
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        const shown = url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
        throw new Error(`The ${kind} server at ${shown} did not answer within ${seconds} s. Start it (see docker-compose.yml) or set ${kind === 'postgres' ? 'PG_URL' : 'MYSQL_URL'}.`, { cause: error });
      }
    }
    await sleep(250);
  }
}
