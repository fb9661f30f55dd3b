import type { PrivateServer, TargetScope } from '@pool/testkit';
import type { FaultDriver } from './fault-contenders.js';

/** Sessions held by someone else, filling the server to its limit. */
export interface Filler {
  /** How many sessions it holds. */
  readonly sessions: number;
  release(): Promise<void>;
}

/** A private server for one driver's scenarios, and what the scenarios do to it from outside. */
export interface FaultServer {
  readonly driver: FaultDriver;
  readonly server: PrivateServer;
  /** A fresh scope on it: a URL whose sessions can be listed and killed. */
  scope(): Promise<TargetScope>;
  /** Open sessions (straight to the server, not through any proxy) until it refuses more. */
  fill(): Promise<Filler>;
}

/** Opens one session, or rejects (the server is full, or down). */
type OpenSession = () => Promise<{ end(): Promise<void> }>;

/** Most sessions `fill` opens: far above the private servers' max_connections (40). */
const FILL_LIMIT = 200;

/**
 * Open sessions until the server refuses one with `isFull(error)`. Any other failure, or no
 * refusal within FILL_LIMIT sessions, releases what was opened and throws: the scenario would
 * not measure what it says.
 */
export async function fillServer(open: OpenSession, isFull: (error: unknown) => boolean): Promise<Filler> {
  const held: { end(): Promise<void> }[] = [];
  const release = async (): Promise<void> => {
    await Promise.all(held.splice(0).map((session) => session.end().catch(() => undefined)));
  };
  for (;;) {
    try {
      held.push(await open());
    } catch (error) {
      if (isFull(error)) return { sessions: held.length, release };
      await release();
      throw error;
    }
    if (held.length >= FILL_LIMIT) {
      await release();
      throw new Error(`the server still accepted sessions after ${FILL_LIMIT}`);
    }
  }
}
