import type { DemoContext } from '../demo-context.js';
import { demoEngine, observe } from '../demo-context.js';
import type { Victim } from './kill-sessions.js';
import { killSessions } from './kill-sessions.js';
import type { PitfallResult } from './pitfall.js';
import { range } from './pitfall.js';

const SIZE = 3;

/**
 * Stale connections (guide, pitfall 2): the idle connections in the pool are killed behind its
 * back. With prePing (and no bypass window) each checkout tests its connection first, and a
 * disconnect makes the pool replace every connection opened before it, so the callers never
 * see the dead ones.
 */
export async function stale(context: DemoContext): Promise<PitfallResult> {
  await using engine = demoEngine(context, { name: 'stale', poolSize: SIZE, maxOverflow: 0, prePing: true, prePingBypass: 0 });
  await using _metrics = observe(context, engine);
  const conns = await Promise.all(range(SIZE).map(() => engine.connect()));
  const victims: Victim[] = [];
  for (const conn of conns) victims.push({ pid: await conn.backendPid(), raw: conn.raw });
  await Promise.all(conns.map((conn) => conn.release()));
  const killedPids = victims.map((v) => v.pid);
  const replaced = new Map<string, number>();
  engine.pool.on('invalidate', (_info, reason) => {
    const why = reason.split(':')[0]!;
    replaced.set(why, (replaced.get(why) ?? 0) + 1);
  });
  const how = await killSessions(context, victims);
  context.say(`Killed the ${SIZE} idle connections (PIDs ${killedPids.join(', ')}): ${how}`);

  const outcomes = await Promise.allSettled(range(SIZE).map(() => useOnce()));
  async function useOnce(): Promise<number> {
    await using conn = await engine.connect();
    await conn.query('SELECT 1');
    return await conn.backendPid();
  }
  const pids = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason instanceof Error ? o.reason.message : String(o.reason)] : []));
  const why = [...replaced].map(([reason, n]) => `${n} × ${reason}`).join(', ') || 'none';
  const reused = pids.filter((pid) => killedPids.includes(pid));
  context.say(`The pool replaced them: ${why}`);
  context.say(`Next ${SIZE} checkouts: ${pids.length} worked (PIDs ${pids.join(', ') || 'none'}), ${failures.length} failed${failures.length > 0 ? `: ${failures[0]}` : ''}`);
  return {
    name: 'stale',
    ok: failures.length === 0 && reused.length === 0,
    detail: `${SIZE} idle connections killed (${how}); the next ${SIZE} checkouts ${failures.length === 0 ? 'all worked' : `had ${failures.length} failures`}, on ${reused.length === 0 ? 'new' : 'some dead'} connections (PIDs ${pids.join(', ')}); replaced: ${why}`,
  };
}
