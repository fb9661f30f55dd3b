import type { PooledConnection } from '@pool/core';
import { createEngine } from '@pool/core';
import type { Item } from '../noop.js';
import { newItem, noopDriver } from '../noop.js';
import type { Budget, Contender, ContenderKind, PoolShape } from './contender.js';

/**
 * @pool/core with the no-I/O driver and default options except the size: `poolSize` = max
 * with `maxOverflow: 0`, so it holds at most as many connections as the peers. Reset on return
 * stays `'rollback'`; it is skipped because the driver reports no open transaction.
 */
export const ours: ContenderKind = {
  name: '@pool',
  role: 'ours',
  rawClient: newItem,
  create: (shape) => build('@pool', shape, true),
};

/**
 * The same engine, with `conn.release()` not awaited. Allowed (release never throws, and with no
 * reset to run the connection is back before it returns), but not what `await using` does: shown
 * for information, to tell the cost of that await from the pool's own.
 */
export const oursUnawaited: ContenderKind = {
  name: '@pool (release not awaited)',
  role: 'variant',
  rawClient: newItem,
  create: (shape) => build('@pool (release not awaited)', shape, false),
};

function build(name: string, shape: PoolShape, awaitRelease: boolean): Contender {
  const engine = createEngine<Item>('bench://noop', {
    driver: noopDriver(shape.connectMs), poolSize: shape.max, maxOverflow: 0, minSize: shape.min,
  });
  const awaited = async (budget: Budget): Promise<void> => {
    while (budget.left-- > 0) {
      const conn = await engine.connect();
      await conn.release();
    }
  };
  const unawaited = async (budget: Budget): Promise<void> => {
    while (budget.left-- > 0) {
      const conn = await engine.connect();
      void conn.release();
    }
  };
  return {
    name,
    cycles: awaitRelease ? awaited : unawaited,
    acquire: () => engine.connect(),
    release: (conn) => (conn as PooledConnection<Item>).release(),
    // Connections open, not slots: an open still under way is not a connection yet.
    open: () => {
      const { open, connecting } = engine.pool.stats();
      return open - connecting;
    },
    close: () => engine.dispose(),
  };
}
