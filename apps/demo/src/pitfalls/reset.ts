import type { DemoContext } from '../demo-context.js';
import { demoEngine, observe } from '../demo-context.js';
import type { PitfallResult } from './pitfall.js';

/**
 * An unfinished transaction (guide, pitfall 6): a handler begins, writes and returns its
 * connection without COMMIT or ROLLBACK. The pool rolls it back on return, so the next user of
 * that same connection starts clean and the half-done write never lands.
 */
export async function reset(context: DemoContext): Promise<PitfallResult> {
  // One connection, so the next user is certain to get the careless handler's session.
  await using engine = demoEngine(context, { name: 'reset', poolSize: 1, maxOverflow: 0 });
  await using _metrics = observe(context, engine);
  const table = `pool_demo_reset_${process.pid}_${Date.now() % 1_000_000}`;
  const resets: string[] = [];
  engine.pool.on('reset', (_info, mode) => resets.push(mode));
  await engine.query(`CREATE TABLE ${table} (note VARCHAR(40))`);
  try {
    const careless = await engine.connect();
    const before = await careless.backendPid();
    await careless.begin();
    await careless.query(`INSERT INTO ${table} (note) VALUES ('half done')`);
    await careless.release();
    context.say(`A handler began a transaction on PID ${before}, inserted a row and returned the connection without COMMIT`);

    await using next = await engine.connect();
    const after = await next.backendPid();
    const rows = Number((await next.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
    context.say(`The pool ran ${resets.join(', ') || 'no reset'} on return; the next user got PID ${after} and sees ${rows} rows`);
    return {
      name: 'reset',
      ok: after === before && rows === 0 && resets.includes('rollback'),
      detail: `a transaction left open on PID ${before} was ${resets.includes('rollback') ? 'rolled back on return' : 'not reset'}; the next user of PID ${after} saw ${rows} of its rows`,
    };
  } finally {
    await engine.query(`DROP TABLE ${table}`);
  }
}
