/** A database container started for the whole run. */
export interface StartedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

/** Whether `POOL_TESTCONTAINERS=1` asks for containers (strict boolean, as the pool options). */
export function containersRequested(): boolean {
  return /^(1|true)$/i.test(process.env.POOL_TESTCONTAINERS ?? '');
}

/** Whether testcontainers finds a working container runtime (DOCKER_HOST, the Docker socket, …). */
export async function dockerAvailable(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL 15 in a container (testcontainers), trust auth, database `test`. */
export async function startPostgresContainer(): Promise<StartedDatabase> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'test' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const url = `postgresql://postgres@${container.getHost()}:${container.getMappedPort(5432)}/test`;
  return { url, stop: async () => void (await container.stop()) };
}

/** MariaDB 10.11 in a container (testcontainers), root without password, database `test`. */
export async function startMariadbContainer(): Promise<StartedDatabase> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('mariadb:10.11')
    .withEnvironment({ MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: '1', MARIADB_DATABASE: 'test' })
    .withExposedPorts(3306)
    .withWaitStrategy(Wait.forHealthCheck())
    .withHealthCheck({ test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], interval: 1000, timeout: 5000, retries: 60 })
    .start();
  const url = `mysql://root@${container.getHost()}:${container.getMappedPort(3306)}/test`;
  return { url, stop: async () => void (await container.stop()) };
}
