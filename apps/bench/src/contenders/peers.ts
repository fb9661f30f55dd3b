import { createRequire } from 'node:module';
import { createPool } from 'generic-pool';
import { Pool as SequelizePool } from 'sequelize-pool';
import { Pool as TarnPool } from 'tarn';
import type { Item, NoopClientOptions } from '../noop.js';
import { newItem, NoopClient, openItem } from '../noop.js';
import type { Budget, Contender, ContenderKind, PoolShape } from './contender.js';

const nothing = async (): Promise<void> => undefined;

/** tarn.js (knex's pool), default options; `release` is synchronous. */
export const tarn: ContenderKind = {
  name: 'tarn',
  role: 'peer',
  rawClient: newItem,
  create({ max, min, connectMs }: PoolShape): Contender {
    const pool = new TarnPool<Item>({ create: () => openItem(connectMs), destroy: () => undefined, min, max });
    return {
      name: 'tarn',
      async cycles(budget: Budget): Promise<void> {
        while (budget.left-- > 0) {
          const item = await pool.acquire().promise;
          pool.release(item);
        }
      },
      acquire: () => pool.acquire().promise,
      release: async (item) => void pool.release(item as Item),
      open: () => pool.numUsed() + pool.numFree() + pool.numPendingCreates(),
      close: async () => void (await pool.destroy()),
    };
  },
};

/** generic-pool, default options; its `release` returns a promise, which is awaited. */
export const genericPool: ContenderKind = {
  name: 'generic-pool',
  role: 'peer',
  rawClient: newItem,
  create({ max, min, connectMs }: PoolShape): Contender {
    const pool = createPool<Item>({ create: () => openItem(connectMs), destroy: nothing }, { max, min });
    return {
      name: 'generic-pool',
      async cycles(budget: Budget): Promise<void> {
        while (budget.left-- > 0) {
          const item = await pool.acquire();
          await pool.release(item);
        }
      },
      acquire: () => pool.acquire(),
      release: (item) => pool.release(item as Item),
      open: () => pool.size,
      close: async () => {
        await pool.drain();
        await pool.clear();
      },
    };
  },
};

/** sequelize-pool (Sequelize's pool), default options; `release` is synchronous. */
export const sequelizePool: ContenderKind = {
  name: 'sequelize-pool',
  role: 'peer',
  rawClient: newItem,
  create({ max, min, connectMs }: PoolShape): Contender {
    const pool = new SequelizePool<Item>({
      name: 'bench', create: () => openItem(connectMs), destroy: () => undefined, validate: () => true, max, min,
    });
    return {
      name: 'sequelize-pool',
      async cycles(budget: Budget): Promise<void> {
        while (budget.left-- > 0) {
          const item = await pool.acquire();
          pool.release(item);
        }
      },
      acquire: () => pool.acquire(),
      release: async (item) => pool.release(item as Item),
      open: () => pool.size,
      close: async () => {
        await pool.drain();
        await pool.destroyAllNow();
      },
    };
  },
};

/** The part of a pg-pool client we use. */
interface PooledClient {
  release(error?: Error | boolean): void;
}

/** The part of pg-pool we use (it ships no types). */
interface PgPoolLike {
  readonly totalCount: number;
  connect(): Promise<PooledClient>;
  end(): Promise<void>;
}

type PgPoolClass = new (options: NoopClientOptions & { Client: typeof NoopClient; max: number; min: number }) => PgPoolLike;

const PgPool = createRequire(import.meta.url)('pg-pool') as PgPoolClass;

/** pg-pool (pg.Pool) with a Client class that does no I/O, default options; `release` is synchronous. */
export const pgPool: ContenderKind = {
  name: 'pg-pool',
  role: 'peer',
  rawClient: () => new NoopClient(),
  create({ max, min, connectMs }: PoolShape): Contender {
    const pool = new PgPool({ Client: NoopClient, max, min, connectMs });
    return {
      name: 'pg-pool',
      async cycles(budget: Budget): Promise<void> {
        while (budget.left-- > 0) {
          const client = await pool.connect();
          client.release();
        }
      },
      acquire: () => pool.connect(),
      release: async (client) => (client as PooledClient).release(),
      open: () => pool.totalCount,
      close: () => pool.end(),
    };
  },
};
