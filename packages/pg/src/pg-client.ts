import type { EventEmitter } from 'node:events';
import type { Engine } from '@pool/core';
import type { PgClientOr } from '../types/pg-types.js';

/**
 * The parts of node-postgres this driver uses, typed structurally so that `pg` stays a peer
 * dependency without its typings. What an application sees as `conn.raw` is `PgRaw`.
 */

/** `conn.raw`: node-postgres's `pg.Client` as @types/pg types it when installed, else the structural `PgClient`. */
export type PgRaw = PgClientOr<PgClient>;

/**
 * An engine on node-postgres, as `toPgPool` and `toPgModule` take it: from `@pool/pg`'s
 * `createEngine` (typed with `PgRaw`) or from `@pool/core`'s with this package's driver.
 */
export type PgEngine = Engine<PgRaw> | Engine<PgClient>;

/** What `query()` returns: one result, or one per statement for a multi-statement string. */
export interface PgResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number | null;
  /** Column descriptions; empty for a statement that returns no rows. */
  readonly fields?: readonly unknown[];
  /** The command tag's verb: `SELECT`, `INSERT`, `UPDATE`, … */
  readonly command?: string;
}

/** The client's socket (a `net.Socket` or `tls.TLSSocket`). */
export interface PgSocket {
  destroy(error?: Error): void;
  readonly destroyed?: boolean;
}

/** node-postgres's `Client`, as far as the driver needs it. */
export interface PgClient {
  /** The BackendKeyData process id (PgBouncer's own id behind a PgBouncer). */
  readonly processID: number | null;
  connect(): Promise<unknown>;
  query(config: string | { text: string; values?: unknown[] }): Promise<PgResult | PgResult[]>;
  end(): Promise<void>;
  /** ReadyForQuery status: `'I'` idle, `'T'` in a transaction, `'E'` failed transaction (recent pg 8 releases). */
  getTransactionStatus?(): string | null;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
  readonly connection: { readonly stream: PgSocket };
}

/** The `pg` module. `Pool` is what `toPgPool` extends; the driver itself only needs `Client`. */
export interface PgModule {
  readonly Client: new (config: Record<string, unknown>) => PgClient;
  readonly Pool?: PgPoolClass;
  /** node-postgres's defaults, whose keys are settings it reads (absent in test doubles). */
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/**
 * The node-postgres module as an application holds it (`import pg from 'pg'`), typed loosely so
 * that `pg` typed by `@types/pg` fits; the driver checks it has `Client` at runtime.
 */
export interface PgModuleLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg.Client's constructor, whatever its typings
  readonly Client: new (...args: any[]) => object;
  readonly Pool?: PgPoolClass;
}

/** node-postgres's `Pool` class: the facade extends it, so `instanceof pg.Pool` holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a constructor of any arity, as a mixin base needs
export type PgPoolClass = abstract new (...args: any[]) => EventEmitter;

/** node-postgres and the URL parser it uses itself (pg-connection-string, a dependency of pg). */
export interface PgLibrary {
  readonly pg: PgModule;
  readonly parseConnectionString: (url: string) => Record<string, unknown>;
}
