import { readFileSync } from 'node:fs';
import { pgScope, pgUrl, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';

// Every PostgreSQL snippet of docs/query-builders.md is a file in ./snippets: the page must hold
// its marked region verbatim, and the file must run against the real server, leaving no session.
const snippets: Record<string, () => Promise<{ result: unknown }>> = {
  kysely: () => import('./snippets/kysely.js'),
  drizzle: () => import('./snippets/drizzle.js'),
  'prisma-adapter-pg': () => import('./snippets/prisma-adapter-pg.js'),
  knex: () => import('./snippets/knex.js'),
  typeorm: () => import('./snippets/typeorm.js'),
  'mikro-orm': () => import('./snippets/mikro-orm.js'),
  'pg-promise': () => import('./snippets/pg-promise.js'),
};

const page = readFileSync(new URL('../../../docs/query-builders.md', import.meta.url), 'utf8');

function region(name: string): string {
  const source = readFileSync(new URL(`./snippets/${name}.ts`, import.meta.url), 'utf8');
  const match = /\/\/ docs:start\n([\s\S]*?)\/\/ docs:end\n/.exec(source);
  if (match === null) throw new Error(`snippets/${name}.ts has no docs:start/docs:end region`);
  return match[1]!;
}

describe('docs/query-builders.md: the PostgreSQL snippets', () => {
  it.each(Object.keys(snippets))('%s: the page shows the snippet verbatim', (name) => {
    expect(page).toContain('```ts\n' + region(name) + '```');
  });

  it.each(Object.keys(snippets))('%s: the snippet runs, and ends with no session open', async (name) => {
    await using scope = await pgScope(pgUrl());
    process.env.DATABASE_URL = scope.url;
    const { result } = await snippets[name]!();
    // Kysely lists databases; the others select 1 (the Prisma adapter answers rows as arrays).
    expect(JSON.stringify(result)).toMatch(name === 'kysely' ? /"datname":"/ : /"one":1\b|^\[\[1\]\]$/);
    await waitFor(async () => (await scope.sessions!()).length === 0, { what: `the ${name} snippet's sessions to end` });
  });
});
