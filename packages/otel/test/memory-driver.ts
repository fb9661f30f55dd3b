import type { Driver } from '@pool/core';

/** A session of the in-memory driver. */
export interface MemorySession {
  readonly id: number;
}

/**
 * A driver with no server, for what needs no database: opens take `connectMs`, everything else
 * answers at once, and no transaction is ever open.
 */
export function memoryDriver(connectMs = 1): Driver<MemorySession> {
  let serial = 0;
  const done = Promise.resolve();
  return {
    name: 'memory',
    connect: () => new Promise((resolve) => setTimeout(() => resolve({ id: ++serial }), connectMs)),
    close: () => done,
    ping: () => done,
    query: () => Promise.resolve({ rows: [], rowCount: 0 }),
    begin: () => done,
    commit: () => done,
    rollback: () => done,
    inTransaction: () => false,
    backendPid: (session) => Promise.resolve(session.id),
    isDisconnect: () => false,
  };
}
