import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

/** A TCP proxy in front of a server whose existing connections can be cut silently. */
export interface CutProxy extends AsyncDisposable {
  readonly port: number;
  /**
   * Make every connection open now half-open, as a NAT or load balancer that lost its state:
   * the client is told nothing, and the next bytes it sends are answered with a reset.
   * Connections made afterwards are proxied normally.
   */
  cut(): void;
  close(): Promise<void>;
}

/** Proxy 127.0.0.1:<free port> to 127.0.0.1:`upstreamPort`. */
export async function startCutProxy(upstreamPort: number): Promise<CutProxy> {
  const live = new Map<Socket, Socket>();
  const cutOff = new WeakSet<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    live.set(client, upstream);
    client.on('data', (data) => (cutOff.has(client) ? client.resetAndDestroy() : upstream.write(data)));
    upstream.on('data', (data) => {
      if (!cutOff.has(client)) client.write(data);
    });
    upstream.on('close', () => {
      if (!cutOff.has(client)) client.destroy();
    });
    const forget = (): void => {
      live.delete(client);
      upstream.destroy();
    };
    client.on('close', forget);
    client.on('error', forget);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = async (): Promise<void> => {
    for (const [client, upstream] of live) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      for (const [client, upstream] of live) {
        cutOff.add(client);
        upstream.destroy();
      }
      live.clear();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
