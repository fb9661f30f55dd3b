import type { Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { waitFor } from '../src/index.js';

/** An echo server on loopback that remembers its sockets (to close one, or see a reset). */
export interface EchoServer extends AsyncDisposable {
  readonly port: number;
  readonly sockets: Socket[];
  /** How each of its sockets ended, in order: 'end' (FIN), 'reset' or 'error:<code>'. */
  readonly endings: string[];
}

export async function startEchoServer(): Promise<EchoServer> {
  const sockets: Socket[] = [];
  const endings: string[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk: Buffer) => socket.write(chunk));
    socket.on('end', () => endings.push('end'));
    socket.on('error', (error: NodeJS.ErrnoException) => endings.push(error.code === 'ECONNRESET' ? 'reset' : `error:${error.code}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    sockets,
    endings,
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A client socket that collects what it receives and how it ended. */
export interface Peer extends Disposable {
  readonly socket: Socket;
  /** Everything received so far, as text. */
  text(): string;
  /** 'open', 'end' (FIN), 'close', or the error code (ECONNRESET, ECONNREFUSED, …). */
  readonly ended: string;
  send(text: string): void;
}

export async function connectPeer(port: number): Promise<Peer> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let ended = 'open';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('end', () => (ended = ended === 'open' ? 'end' : ended));
  socket.on('close', () => (ended = ended === 'open' ? 'close' : ended));
  socket.on('error', (error: NodeJS.ErrnoException) => (ended = error.code ?? 'error'));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    text: () => received,
    get ended() {
      return ended;
    },
    send: (text) => void socket.write(text),
    [Symbol.dispose]: () => socket.destroy(),
  };
}

/** The error code of a connect attempt to `port` that is expected to fail. */
export function connectFailure(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
  });
}

/** Wait until `peer` has received exactly `text`. */
export function received(peer: Peer, text: string): Promise<true> {
  return waitFor(() => peer.text() === text, { timeout: 3000, interval: 5, what: `"${text}" (got "${peer.text()}")` });
}
