/** How many cycles the workers of one measurement still have to do, shared between them. */
export interface Budget {
  left: number;
}

/** The pool every contender builds: the same limits and the same cost of opening. */
export interface PoolShape {
  /** Most items at once. */
  readonly max: number;
  /** Items kept open (made at start and kept); 0 = open lazily. */
  readonly min: number;
  /** What opening one item costs, in milliseconds (0: a resolved promise). */
  readonly connectMs: number;
}

/**
 * One pool under test, pooling the same trivial object as the others. `cycles` is written out
 * for each pool (the hot loop stays monomorphic: no adapter call between the loop and the pool);
 * the rest goes through `acquire`/`release`, which include whatever the pool needs to take the
 * item back (awaited when the pool's release returns a promise).
 */
export interface Contender {
  readonly name: string;
  /** One worker: acquire + release until the budget is spent. */
  cycles(budget: Budget): Promise<void>;
  acquire(): Promise<unknown>;
  release(item: unknown): Promise<void>;
  /** Items open (idle + in use + being opened). */
  open(): number;
  close(): Promise<void>;
}

/** A contender by name, built fresh for every measurement. */
export interface ContenderKind {
  readonly name: string;
  /** Ours, a peer, the floor, or a variant of ours shown for information (never in a target). */
  readonly role: 'ours' | 'peer' | 'floor' | 'variant';
  create(shape: PoolShape): Contender;
  /** One bare client of the kind this pool pools (not the pool's wrapper): the heap test subtracts it. */
  rawClient(): unknown;
}
