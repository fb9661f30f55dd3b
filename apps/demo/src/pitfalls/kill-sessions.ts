import type { DemoContext } from '../demo-context.js';
import { demoEngine, until } from '../demo-context.js';

/** A connection as the stale pitfall saw it before killing it. */
export interface Victim {
  readonly pid: number;
  readonly raw: unknown;
}

/**
 * Kill these sessions the way a server restart, an idle timeout or a firewall would, and only
 * these: on a server, `pg_terminate_backend` / `KILL` from a separate session, then wait until
 * the server has let them go; on SQLite, whose connections live in this process, close the
 * library's handles behind the pool's back.
 */
export async function killSessions(context: DemoContext, victims: readonly Victim[]): Promise<string> {
  if (context.backend === 'sqlite') {
    for (const { raw } of victims) (raw as { close(): unknown }).close();
    return 'closed their SQLite handles behind the pool\'s back';
  }
  const pids = victims.map(({ pid }) => pid);
  if (!pids.every(Number.isInteger)) throw new Error(`backend PIDs must be integers, got ${pids.join(', ')}`);
  const sql = killerSql(context.backend);
  await using killer = demoEngine(context, { poolSize: 1, maxOverflow: 0 });
  for (const pid of pids) await killer.query(sql.kill(pid));
  const gone = async (): Promise<boolean> => Number((await killer.query<{ n: unknown }>(sql.count(pids))).rows[0]?.n) === 0;
  await until(gone, 5, 'the killed sessions were still on the server after 5 s');
  return sql.how;
}

interface KillerSql {
  readonly how: string;
  kill(pid: number): string;
  count(pids: readonly number[]): string;
}

function killerSql(backend: string): KillerSql {
  if (backend === 'postgresql' || backend === 'postgres') {
    return {
      how: 'pg_terminate_backend() from another session',
      kill: (pid) => `SELECT pg_terminate_backend(${pid})`,
      count: (pids) => `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pid IN (${pids.join(', ')})`,
    };
  }
  if (backend === 'mysql' || backend === 'mariadb') {
    return {
      how: 'KILL from another session',
      kill: (pid) => `KILL ${pid}`,
      count: (pids) => `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID IN (${pids.join(', ')})`,
    };
  }
  throw new Error(`the stale pitfall does not know how to kill sessions on ${backend}`);
}
