import { readFileSync } from 'node:fs';
import { pgUrl } from '@pool/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const snippets = [...readme.matchAll(/```ts[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The example file as the README shows it (its imports of the package by name). */
function example(file: string): string {
  return readFileSync(new URL(`./examples/${file}`, import.meta.url), 'utf8');
}

describe("the README's snippets, run as they are", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('are the example files, word for word', () => {
    expect(snippets).toEqual([example('opentelemetry.ts'), example('prometheus.ts')]);
  });

  it('OpenTelemetry: the console exporter prints the nine metrics of the pool named "orders"', async () => {
    vi.stubEnv('DATABASE_URL', pgUrl());
    const printed: unknown[] = [];
    vi.spyOn(console, 'dir').mockImplementation((value: unknown) => void printed.push(value));
    await import('./examples/opentelemetry.js');
    const metrics = printed as { descriptor: { name: string }; dataPoints: { attributes: Record<string, unknown> }[] }[];
    // Printed at forceFlush() and again at shutdown(): the same nine each time.
    expect(metrics).toHaveLength(18);
    expect([...new Set(metrics.map((m) => m.descriptor.name))].sort()).toEqual([
      'db.client.connection.count', 'db.client.connection.create_time', 'db.client.connection.idle.max', 'db.client.connection.idle.min',
      'db.client.connection.max', 'db.client.connection.pending_requests', 'db.client.connection.timeouts', 'db.client.connection.use_time',
      'db.client.connection.wait_time',
    ]);
    for (const metric of metrics) expect(metric.dataPoints[0]!.attributes['db.client.connection.pool.name']).toBe('orders');
  });

  it('Prometheus: the scrape has both pools', async () => {
    vi.stubEnv('DATABASE_URL', pgUrl());
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
    await import('./examples/prometheus.js');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('db_client_connection_count{pool="orders",state="idle"} 1\n');
    expect(printed[0]).toContain('db_client_connection_max{pool="reports"} 12\n');
    expect(printed[0]).toContain('db_client_connection_wait_time_seconds_count{pool="orders"} 1\n');
  });
});
