import type { Socket } from 'node:net';
import { createServer } from 'node:net';

/** A TCP server that accepts connections and never says a word. */
export interface SilentServer extends AsyncDisposable {
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections still open (the client has not closed its socket). */
  readonly open: number;
  close(): Promise<void>;
}

/**
 * Listen on a free loopback port, accept every connection and answer nothing: what a
 * connect timeout must handle (pg-pool tests it the same way). Closing destroys what is left.
 */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    // Read and drop what the client sends: a paused socket would never see the client's FIN.
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const close = (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return {
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
