import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { DatabaseUrl } from '@pool/core';
import type { BlackholeBytes, DelayOptions, FaultState } from './fault-modes.js';
import { HEALTHY, withBlackhole, withDelay } from './fault-modes.js';
import { isLoopback } from './loopback.js';
import type { ProxiedConnection } from './proxied-connection.js';
import { Link } from './proxied-connection.js';
import { lifetimeTimer, trackUntilExit } from './proxy-lifetime.js';

/** Options of `startFaultProxy`. */
export interface FaultProxyOptions {
  /** The server's port on 127.0.0.1, or its loopback host and port. */
  readonly upstream: number | { readonly host: string; readonly port: number };
  /** Seconds after which the proxy stops itself, whatever the test is doing. Default 120. */
  readonly maxLifetime?: number;
  /** Called if it stopped itself at `maxLifetime`; default: a process warning (`FaultProxyWarning`, on stderr). */
  readonly onExpired?: (proxy: FaultProxy) => void;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a loopback server, whose faults a test switches on and
 * off. Proxy-wide faults apply to every open connection and to the ones accepted while they
 * last; each connection can also be put under faults of its own (`connections()`). Stopped by
 * `stop()` / `await using`, at `maxLifetime`, or when the process exits.
 */
export interface FaultProxy extends AsyncDisposable {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Connections accepted since it started (attempts that reached it, whatever became of them). */
  readonly accepted: number;
  /** Whether new connections are refused (`refuse()`). */
  readonly refusing: boolean;
  readonly stopped: boolean;
  /** The faults new connections get. */
  readonly faults: FaultState;
  /** `url` (any scheme) pointed at the proxy instead: same credentials, database and parameters. */
  urlFor(url: string): string;
  /** The connections open now, oldest first. */
  connections(): readonly ProxiedConnection[];
  /** Close the port: new connections get ECONNREFUSED (open ones are left alone). */
  refuse(): void;
  /** Listen on the same port again after `refuse()`. */
  accept(): Promise<void>;
  /** Nothing passes, on open and new connections; held bytes arrive on `heal()`, dropped ones never. */
  blackhole(bytes: BlackholeBytes): void;
  /** Every chunk arrives `ms` later, on open and new connections (DelayOptions: which way). */
  delay(ms: number, options?: DelayOptions): void;
  /** No fault anywhere: accepting again, bytes held are delivered, no delay. */
  heal(): Promise<void>;
  /** A TCP reset to both ends of every open connection; returns how many. */
  resetAll(): number;
  /** `sever()` every open connection (see ProxiedConnection); returns how many. */
  severAll(): number;
  /** Stop listening and close every connection. */
  stop(): Promise<void>;
}

function upstreamOf(options: FaultProxyOptions): { host: string; port: number } {
  const { upstream } = options;
  const target = typeof upstream === 'number' ? { host: '127.0.0.1', port: upstream } : upstream;
  if (!isLoopback(target.host)) throw new Error(`startFaultProxy: upstream ${target.host} is not a loopback address; fault injection stays on this machine`);
  if (!Number.isInteger(target.port) || target.port <= 0 || target.port > 65535) throw new Error(`startFaultProxy: upstream port must be 1–65535, got ${target.port}`);
  return target;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Start a fault proxy on a free loopback port; it passes everything until told otherwise. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = upstreamOf(options);
  const maxLifetime = options.maxLifetime ?? 120;
  if (!(maxLifetime > 0)) throw new Error(`startFaultProxy: maxLifetime must be > 0 seconds, got ${maxLifetime}`);
  const links = new Map<number, Link>();
  let faults: FaultState = HEALTHY;
  let accepted = 0;
  let listener: Server | undefined;
  let stopped = false;
  const owner = { upstreamHost: upstream.host, upstreamPort: upstream.port, closed: (link: Link) => links.delete(link.id) };
  const onClient = (client: Socket): void => {
    if (stopped) {
      client.destroy();
      return;
    }
    accepted++;
    const link = new Link(accepted, client, owner, faults);
    links.set(link.id, link);
  };
  const open = async (at: number): Promise<number> => {
    const server = createServer(onClient);
    // A proxy never keeps a process alive by itself.
    server.unref();
    const port = await listen(server, at);
    listener = server;
    return port;
  };
  const closeListener = (): void => {
    // Not waiting for 'close': that waits for every accepted connection to end.
    listener?.close();
    listener = undefined;
  };
  const destroyNow = (): void => {
    stopped = true;
    closeListener();
    for (const link of [...links.values()]) link.destroy();
    links.clear();
  };
  const forget = trackUntilExit({ destroyNow });
  const port = await open(0);
  const stop = (): Promise<void> => {
    if (!stopped) {
      clearTimeout(timer);
      forget();
      destroyNow();
    }
    return Promise.resolve();
  };
  const everyLink = (state: (current: FaultState) => FaultState): void => {
    faults = state(faults);
    for (const link of links.values()) link.apply(state(link.faults));
  };
  const proxy: FaultProxy = {
    host: '127.0.0.1',
    port,
    get accepted() {
      return accepted;
    },
    get refusing() {
      return listener === undefined && !stopped;
    },
    get stopped() {
      return stopped;
    },
    get faults() {
      return faults;
    },
    urlFor: (url) => DatabaseUrl.parse(url).with({ host: '127.0.0.1', port }).render({ hidePassword: false }),
    connections: () => [...links.values()],
    refuse: closeListener,
    async accept() {
      if (stopped) throw new Error('the fault proxy is stopped');
      if (listener === undefined) await open(port);
    },
    blackhole: (bytes) => everyLink((state) => withBlackhole(state, bytes)),
    delay: (ms, delayOptions) => everyLink((state) => withDelay(state, ms, delayOptions?.direction)),
    async heal() {
      everyLink(() => HEALTHY);
      if (!stopped) await proxy.accept();
    },
    resetAll() {
      const all = [...links.values()];
      for (const link of all) link.reset();
      return all.length;
    },
    severAll() {
      const all = [...links.values()];
      for (const link of all) link.sever();
      return all.length;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
  const timer = lifetimeTimer(maxLifetime, () => {
    void stop();
    if (options.onExpired !== undefined) options.onExpired(proxy);
    else process.emitWarning(`the fault proxy on port ${port} stopped itself after its maxLifetime of ${maxLifetime} s`, 'FaultProxyWarning');
  });
  return proxy;
}
