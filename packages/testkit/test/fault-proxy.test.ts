import { afterEach, describe, expect, it } from 'vitest';
import type { FaultProxy } from '../src/index.js';
import { sleep, startFaultProxy, waitFor } from '../src/index.js';
import { connectFailure, connectPeer, received, startEchoServer } from './tcp-peers.js';

// Every proxy a test starts is stopped after it, even when an assertion fails half-way.
const started: FaultProxy[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((proxy) => proxy.stop()));
});

async function proxyTo(port: number, maxLifetime = 30): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ upstream: port, maxLifetime });
  started.push(proxy);
  return proxy;
}

/** No bytes arrive for a while (a short wait: this asserts absence, not timing). */
async function nothingArrives(read: () => string, ms = 150): Promise<void> {
  const before = read();
  await sleep(ms);
  expect(read()).toBe(before);
}

describe('startFaultProxy: pass-through and bookkeeping', () => {
  it('passes bytes both ways and lists each connection with the ports each side sees', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    peer.send('hello');
    await received(peer, 'hello');
    expect(proxy.accepted).toBe(1);
    const [conn] = proxy.connections();
    expect(conn).toMatchObject({ id: 1, clientPort: peer.socket.localPort, bytesFromClient: 5, bytesFromServer: 5 });
    // The port the server sees as its client's: what pg_stat_activity.client_port shows.
    expect(conn!.serverPort).toBe(echo.sockets[0]!.remotePort);
  });

  it('points a database URL at itself, keeping credentials, database and parameters', async () => {
    const proxy = await proxyTo(1);
    expect(proxy.urlFor('postgresql://app:s3cret@127.0.0.1:5432/shop?application_name=x')).toBe(
      `postgresql://app:s3cret@127.0.0.1:${proxy.port}/shop?application_name=x`,
    );
  });

  it('forwards to loopback only', async () => {
    await expect(startFaultProxy({ upstream: { host: '10.0.0.1', port: 5432 } })).rejects.toThrow(/not a loopback address/);
    await expect(startFaultProxy({ upstream: { host: 'db.example.com', port: 5432 } })).rejects.toThrow(/not a loopback address/);
    await expect(startFaultProxy({ upstream: 0 })).rejects.toThrow(/port must be 1–65535/);
  });

  it('passes a close from the server on to the client', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    await waitFor(() => echo.sockets.length === 1);
    echo.sockets[0]!.end();
    await waitFor(() => peer.ended !== 'open', { what: 'the client to see the close' });
    expect(peer.ended).toBe('end');
    await waitFor(() => proxy.connections().length === 0);
  });
});

describe('startFaultProxy: refuse', () => {
  it('refuses new connections while the open ones keep working, and accepts again on the same port', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using before = await connectPeer(proxy.port);
    proxy.refuse();
    expect(proxy.refusing).toBe(true);
    expect(await connectFailure(proxy.port)).toBe('ECONNREFUSED');
    before.send('still');
    await received(before, 'still');
    await proxy.accept();
    using after = await connectPeer(proxy.port);
    after.send('back');
    await received(after, 'back');
    expect(proxy.accepted).toBe(2);
  });
});

describe('startFaultProxy: blackholes', () => {
  it('holding: nothing passes either way, then everything held arrives in order on heal()', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    proxy.blackhole('hold');
    peer.send('one,');
    peer.send('two');
    await nothingArrives(() => peer.text());
    expect(echo.sockets[0]?.bytesRead ?? 0).toBe(0);
    await proxy.heal();
    await received(peer, 'one,two');
  });

  it('holding applies to connections opened during it, and holds back a close too', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    proxy.blackhole('hold');
    using late = await connectPeer(proxy.port);
    late.send('late');
    await nothingArrives(() => late.text());
    await proxy.heal();
    await received(late, 'late');
    proxy.blackhole('hold');
    echo.sockets[0]!.end();
    await nothingArrives(() => late.ended);
    expect(late.ended).toBe('open');
    await proxy.heal();
    await waitFor(() => late.ended === 'end', { what: 'the held close' });
  });

  it('dropping: bytes sent during it are lost for good; later ones pass after heal()', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    proxy.blackhole('drop');
    peer.send('lost');
    await nothingArrives(() => peer.text());
    await proxy.heal();
    peer.send('after');
    await received(peer, 'after');
    expect(echo.sockets[0]!.bytesRead).toBe('after'.length);
  });
});

describe('startFaultProxy: delay', () => {
  it('delivers each chunk from the server at least the delay later, in order', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    proxy.delay(120);
    expect(proxy.faults).toMatchObject({ delayDownMs: 120, delayUpMs: 0 });
    const t0 = Date.now();
    peer.send('a');
    await received(peer, 'a');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    // Lowering the delay mid-stream never lets later bytes overtake earlier ones.
    peer.send('b');
    await sleep(20);
    proxy.delay(0);
    peer.send('c');
    await received(peer, 'abc');
  });

  it("'both' delays each way; heal() removes it", async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    proxy.delay(80, { direction: 'both' });
    const t0 = Date.now();
    peer.send('x');
    await received(peer, 'x');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    await proxy.heal();
    expect(proxy.connections()[0]!.faults).toEqual({ up: 'pass', down: 'pass', delayUpMs: 0, delayDownMs: 0 });
    expect(() => proxy.delay(-1)).toThrow(RangeError);
  });
});

describe('startFaultProxy: resets', () => {
  it('resetAll() sends a reset to both ends of every open connection', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using a = await connectPeer(proxy.port);
    using b = await connectPeer(proxy.port);
    a.send('1');
    b.send('2');
    await received(a, '1');
    await received(b, '2');
    expect(proxy.resetAll()).toBe(2);
    await waitFor(() => a.ended === 'ECONNRESET' && b.ended === 'ECONNRESET', { what: 'both clients reset' });
    await waitFor(() => echo.endings.filter((e) => e === 'reset').length === 2, { what: 'both server sockets reset' });
    expect(proxy.connections()).toEqual([]);
    // New connections are proxied normally afterwards.
    using c = await connectPeer(proxy.port);
    c.send('3');
    await received(c, '3');
  });

  it('severAll(): the server side closes, the client hears nothing until it sends, then gets a reset', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    peer.send('x');
    await received(peer, 'x');
    expect(proxy.severAll()).toBe(1);
    await waitFor(() => echo.endings.length === 1, { what: 'the server side to close' });
    await nothingArrives(() => `${peer.text()}|${peer.ended}`);
    peer.send('anyone?');
    await waitFor(() => peer.ended === 'ECONNRESET', { what: 'the reset' });
  });
});

describe('startFaultProxy: one connection at a time', () => {
  it('blackholes, heals or resets one connection and leaves the others alone', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using a = await connectPeer(proxy.port);
    using b = await connectPeer(proxy.port);
    const target = proxy.connections().find((conn) => conn.clientPort === a.socket.localPort)!;
    target.blackhole('hold');
    expect(target.faults).toMatchObject({ up: 'hold', down: 'hold' });
    a.send('held');
    b.send('free');
    await received(b, 'free');
    await nothingArrives(() => a.text());
    target.heal();
    await received(a, 'held');
    target.reset();
    await waitFor(() => a.ended === 'ECONNRESET');
    b.send('!');
    await received(b, 'free!');
    expect(proxy.connections().map((conn) => conn.clientPort)).toEqual([b.socket.localPort]);
  });
});

describe('startFaultProxy: bounded', () => {
  it('stop() closes every connection and the port', async () => {
    await using echo = await startEchoServer();
    const proxy = await proxyTo(echo.port);
    using peer = await connectPeer(proxy.port);
    await proxy.stop();
    expect(proxy.stopped).toBe(true);
    await waitFor(() => peer.ended !== 'open', { what: 'the client to be closed' });
    expect(await connectFailure(proxy.port)).toBe('ECONNREFUSED');
    await expect(proxy.accept()).rejects.toThrow(/stopped/);
    await proxy.stop();
  });

  it('stops itself after maxLifetime', async () => {
    await using echo = await startEchoServer();
    let expired = 0;
    const proxy = await startFaultProxy({ upstream: echo.port, maxLifetime: 0.2, onExpired: () => expired++ });
    started.push(proxy);
    using peer = await connectPeer(proxy.port);
    await waitFor(() => proxy.stopped, { timeout: 5000, what: 'the proxy to stop itself' });
    expect(expired).toBe(1);
    await waitFor(() => peer.ended !== 'open');
    await expect(startFaultProxy({ upstream: echo.port, maxLifetime: 0 })).rejects.toThrow(/maxLifetime/);
  });

});
