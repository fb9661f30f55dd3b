import type { Item } from '../noop.js';
import { newItem } from '../noop.js';
import type { Budget, Contender, ContenderKind, PoolShape } from './contender.js';
import { FloorPool } from './floor-pool.js';

/** The floor (see FloorPool); it ignores `min`, opening lazily. */
export const floor: ContenderKind = {
  name: 'floor',
  role: 'floor',
  rawClient: newItem,
  create(shape: PoolShape): Contender {
    const pool = new FloorPool(shape.max, shape.connectMs);
    return {
      name: 'floor',
      async cycles(budget: Budget): Promise<void> {
        while (budget.left-- > 0) {
          const item = await pool.acquire();
          pool.release(item);
        }
      },
      acquire: () => pool.acquire(),
      release: async (item) => pool.release(item as Item),
      open: () => pool.size,
      close: async () => undefined,
    };
  },
};
