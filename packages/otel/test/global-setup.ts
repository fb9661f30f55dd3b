import { setupServer } from '@pool/testkit';
import type { TestProject } from 'vitest/node';

/** Wait for the shared PostgreSQL and MariaDB (or start containers with POOL_TESTCONTAINERS=1). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardowns = await Promise.all([setupServer(project, 'postgres'), setupServer(project, 'mariadb')]);
  return async () => {
    await Promise.all(teardowns.map((teardown) => teardown()));
  };
}
