import type { ConnectionInfo, Pool } from '@pool/core';
import type { PgClient } from '../pg-client.js';
import type { FacadeClient } from './pg-checkout.js';

/** What the facade does when a client it has handed out dies idle or is closed by the pool. */
export interface KnownClientHooks {
  /** The client emitted `error`: pg-pool's idle-client error, when the facade does not hold it. */
  error(error: Error, client: FacadeClient): void;
  /** The pool is closing the client (before the driver closes it). */
  closing(client: FacadeClient): void;
}

interface Entry {
  readonly client: FacadeClient;
  readonly onError: (error: Error) => void;
}

/**
 * The clients one facade has handed out, by connection id (`ConnectionInfo.id`, unique within
 * the pool), until the pool closes them. It listens to the pool's `close` only while it knows a
 * client, so an engine that stops using the facade carries no listener.
 */
export class KnownClients {
  readonly #pool: Pool<PgClient>;
  readonly #hooks: KnownClientHooks;
  readonly #entries = new Map<number, Entry>();
  readonly #onClose = (info: ConnectionInfo): void => this.#closed(info);

  constructor(pool: Pool<PgClient>, hooks: KnownClientHooks) {
    this.#pool = pool;
    this.#hooks = hooks;
  }

  /** Remember a client at checkout; true the first time this facade sees it (pg-pool's `connect`). */
  see(info: ConnectionInfo, client: FacadeClient): boolean {
    if (this.#entries.has(info.id)) return false;
    if (this.#entries.size === 0) this.#pool.on('close', this.#onClose);
    const onError = (error: Error): void => this.#hooks.error(error, client);
    client.on('error', onError);
    this.#entries.set(info.id, { client, onError });
    return true;
  }

  #closed(info: ConnectionInfo): void {
    const entry = this.#entries.get(info.id);
    if (entry === undefined) return;
    this.#entries.delete(info.id);
    if (this.#entries.size === 0) this.#pool.off('close', this.#onClose);
    entry.client.removeListener('error', entry.onError);
    this.#hooks.closing(entry.client);
  }
}
