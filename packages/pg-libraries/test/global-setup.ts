import { setupServer } from '@pool/testkit';
import type { TestProject } from 'vitest/node';

/** Wait for the shared PostgreSQL (or start a container with POOL_TESTCONTAINERS=1). */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupServer(project, 'postgres');
}
