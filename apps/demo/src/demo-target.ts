import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the demo runs and where its pictures go; disposing removes what it created, pictures kept. */
export interface DemoTarget extends Disposable {
  /** `DATABASE_URL`, or an SQLite file in a fresh temporary folder. */
  readonly url: string;
  /** Folder for the timeline pictures, or undefined when none are drawn. */
  readonly timelineDir: string | undefined;
}

const SQLITE_FILES = ['demo.db', 'demo.db-wal', 'demo.db-shm'];

/**
 * Choose the database: `DATABASE_URL` when set, else `demo.db` in a new temporary folder (no
 * server needed). Pictures go to `out` when given, else to the temporary folder unless `draw`
 * is false.
 */
export function demoTarget(databaseUrl: string | undefined, options: { draw: boolean; out?: string | undefined }): DemoTarget {
  const out = options.out === undefined ? undefined : resolve(options.out);
  if (out !== undefined) mkdirSync(out, { recursive: true });
  const needsTemp = databaseUrl === undefined || (options.draw && out === undefined);
  const temp = needsTemp ? mkdtempSync(join(tmpdir(), 'pool-demo-')) : undefined;
  const timelineDir = out ?? (options.draw ? temp : undefined);
  return {
    url: databaseUrl ?? `sqlite:///${join(temp!, 'demo.db')}`,
    timelineDir,
    [Symbol.dispose]: () => {
      if (temp === undefined) return;
      // Keep the folder when the pictures live in it; the database file is never kept.
      if (timelineDir === temp) for (const file of SQLITE_FILES) rmSync(join(temp, file), { force: true });
      else rmSync(temp, { recursive: true, force: true });
    },
  };
}
