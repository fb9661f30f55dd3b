import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { DelayLine } from './delay-line.js';
import type { BlackholeBytes, DelayOptions, FaultState, Flow } from './fault-modes.js';
import { HEALTHY, withBlackhole, withDelay } from './fault-modes.js';

/** One client connection through the proxy, and the faults it can be put under on its own. */
export interface ProxiedConnection {
  /** Serial number, from 1, in accept order. */
  readonly id: number;
  /** The client's own port (its socket's `localPort`): find a pool's connection by it. */
  readonly clientPort: number;
  /**
   * The proxy's port toward the server, once connected: what the server lists as this
   * session's client port (`pg_stat_activity.client_port`, the port in MariaDB's processlist `HOST`).
   */
  readonly serverPort: number | undefined;
  /** `Date.now()` when it was accepted. */
  readonly openedAt: number;
  readonly bytesFromClient: number;
  readonly bytesFromServer: number;
  /** The faults it is under now. */
  readonly faults: FaultState;
  /** Nothing passes either way; held bytes are delivered on `heal()`, dropped ones never. */
  blackhole(bytes: BlackholeBytes): void;
  /** Deliver each chunk `ms` later (see DelayOptions for the direction). */
  delay(ms: number, options?: DelayOptions): void;
  /** No fault: held bytes (and a close the blackhole held back) go through, in order. */
  heal(): void;
  /** A TCP reset to both ends at once. */
  reset(): void;
  /**
   * The path forgets this connection, as a NAT or load balancer that lost its state: the server
   * side is closed, the client is told nothing until it next sends, and is then reset.
   */
  sever(): void;
}

/** How a link reports back to the proxy that owns it. */
export interface LinkOwner {
  readonly upstreamHost: string;
  readonly upstreamPort: number;
  closed(link: Link): void;
}

/**
 * One client socket and its upstream socket, with a flow and a delay line per direction. A
 * close from either end travels like bytes do: held while that direction is blackholed, after
 * the bytes queued ahead of it.
 */
export class Link implements ProxiedConnection {
  readonly id: number;
  readonly clientPort: number;
  readonly openedAt = Date.now();
  bytesFromClient = 0;
  bytesFromServer = 0;
  readonly #owner: LinkOwner;
  readonly #client: Socket;
  readonly #upstream: Socket;
  readonly #upLine: DelayLine;
  readonly #downLine: DelayLine;
  #state: FaultState;
  readonly #held = { up: [] as Buffer[], down: [] as Buffer[] };
  /** A close seen on that side, not yet passed on to the other. */
  readonly #ended = { client: false, upstream: false };
  #severed = false;
  #done = false;

  constructor(id: number, client: Socket, owner: LinkOwner, state: FaultState) {
    this.id = id;
    this.#owner = owner;
    this.#client = client;
    this.clientPort = client.remotePort ?? 0;
    this.#state = state;
    this.#upLine = new DelayLine((chunk) => this.#upstream.write(chunk));
    this.#downLine = new DelayLine((chunk) => this.#client.write(chunk));
    this.#upstream = connect({ host: owner.upstreamHost, port: owner.upstreamPort });
    // Proxy sockets never keep a process alive: the client's own socket does, while it matters.
    this.#upstream.unref();
    client.unref();
    client.on('data', (chunk: Buffer) => this.#fromClient(chunk));
    this.#upstream.on('data', (chunk: Buffer) => this.#fromServer(chunk));
    client.on('end', () => this.#endFrom('client'));
    this.#upstream.on('end', () => this.#endFrom('upstream'));
    // Errors end the link like a close does; an unheard 'error' event would crash the process.
    client.on('error', () => this.#endFrom('client'));
    this.#upstream.on('error', () => this.#endFrom('upstream'));
    client.on('close', () => this.#endFrom('client'));
    this.#upstream.on('close', () => this.#endFrom('upstream'));
  }

  get serverPort(): number | undefined {
    return this.#upstream.localPort;
  }

  get faults(): FaultState {
    return this.#state;
  }

  /** Apply a fault state (what the proxy-wide controls call). */
  apply(state: FaultState): void {
    if (this.#done) return;
    this.#state = state;
    if (state.up === 'pass') this.#release('up');
    if (state.down === 'pass') this.#release('down');
  }

  blackhole(bytes: BlackholeBytes): void {
    this.apply(withBlackhole(this.#state, bytes));
  }

  delay(ms: number, options?: DelayOptions): void {
    this.apply(withDelay(this.#state, ms, options?.direction));
  }

  heal(): void {
    this.apply(HEALTHY);
  }

  reset(): void {
    if (this.#done) return;
    this.#finish();
    this.#client.resetAndDestroy();
    this.#upstream.resetAndDestroy();
  }

  sever(): void {
    if (this.#done || this.#severed) return;
    this.#severed = true;
    this.#upLine.clear();
    this.#downLine.clear();
    this.#upstream.destroy();
    // From now on the client hears nothing; its next bytes are answered with a reset.
  }

  /** Close both ends at once (the proxy is stopping). */
  destroy(): void {
    if (this.#done) return;
    this.#finish();
    this.#client.destroy();
    this.#upstream.destroy();
  }

  #fromClient(chunk: Buffer): void {
    this.bytesFromClient += chunk.length;
    if (this.#severed) {
      this.reset();
      return;
    }
    this.#route('up', chunk);
  }

  #fromServer(chunk: Buffer): void {
    this.bytesFromServer += chunk.length;
    if (!this.#severed) this.#route('down', chunk);
  }

  #route(direction: 'up' | 'down', chunk: Buffer): void {
    const flow: Flow = this.#state[direction];
    if (flow === 'drop') return;
    if (flow === 'hold' || this.#held[direction].length > 0) {
      this.#held[direction].push(chunk);
      return;
    }
    this.#line(direction).push(chunk, direction === 'up' ? this.#state.delayUpMs : this.#state.delayDownMs);
  }

  /** A direction passes again: what it held goes on, in order, then any close it held back. */
  #release(direction: 'up' | 'down'): void {
    const held = this.#held[direction].splice(0);
    const ms = direction === 'up' ? this.#state.delayUpMs : this.#state.delayDownMs;
    for (const chunk of held) this.#line(direction).push(chunk, ms);
    this.#passEnd(direction === 'up' ? 'client' : 'upstream');
  }

  #line(direction: 'up' | 'down'): DelayLine {
    return direction === 'up' ? this.#upLine : this.#downLine;
  }

  #endFrom(side: 'client' | 'upstream'): void {
    if (this.#done) return;
    if (side === 'upstream' && this.#severed) return;
    this.#ended[side] = true;
    this.#passEnd(side);
  }

  /** Pass a close from `side` to the other end once that direction flows and has drained. */
  #passEnd(side: 'client' | 'upstream'): void {
    if (this.#done || !this.#ended[side]) return;
    const direction = side === 'client' ? 'up' : 'down';
    if (this.#state[direction] !== 'pass' || this.#held[direction].length > 0) return;
    const line = this.#line(direction);
    if (line.pending > 0) {
      setTimeout(() => this.#passEnd(side), 5).unref();
      return;
    }
    const other = side === 'client' ? this.#upstream : this.#client;
    if (!other.destroyed) other.end();
    this.#finish();
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#upLine.clear();
    this.#downLine.clear();
    this.#owner.closed(this);
  }
}
