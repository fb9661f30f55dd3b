import type { ContenderKind } from './contender.js';
import { floor } from './floor.js';
import { ours, oursUnawaited } from './ours.js';
import { oursOtel } from './ours-otel.js';
import { genericPool, pgPool, sequelizePool, tarn } from './peers.js';

export type { Budget, Contender, ContenderKind, PoolShape } from './contender.js';

/** Everyone in the no-I/O comparisons: ours, the four peers, the floor. */
export const CONTENDERS: readonly ContenderKind[] = [ours, tarn, genericPool, sequelizePool, pgPool, floor];

/** The checkout comparison adds variants of ours, for information: release not awaited, and metrics on. */
export const CHECKOUT_CONTENDERS: readonly ContenderKind[] = [...CONTENDERS, oursUnawaited, oursOtel];
