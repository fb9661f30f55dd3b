import type { TestProject } from 'vitest/node';
import { setupServer } from '../src/index.js';

/** The PgBouncer test needs the shared PostgreSQL (or a container with POOL_TESTCONTAINERS=1). */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupServer(project, 'postgres');
}
