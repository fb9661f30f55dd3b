import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, startSilentServer, uniqueName, waitFor } from '../src/index.js';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? calls : undefined), { interval: 1 })).resolves.toBe(3);
  });

  it('rejects after the timeout, naming what it waited for and the last failure', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('not yet');
        },
        { timeout: 50, interval: 5, what: 'the moon' },
      ),
    ).rejects.toThrow(/the moon not met within 50 ms: not yet/);
  });
});

describe('startSilentServer', () => {
  it('accepts, says nothing, and counts the sockets still open', async () => {
    await using silent = await startSilentServer();
    const socket = connect(silent.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await waitFor(() => silent.open === 1);
    socket.write('hello?');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]);
    socket.destroy();
    await waitFor(() => silent.open === 0);
    expect(silent.accepted).toBe(1);
  });
});

describe('freePort and uniqueName', () => {
  it('give a port nothing listens on and names that do not repeat', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? ''));
      socket.on('connect', () => resolve('connected'));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(uniqueName()).toMatch(/^pool_it_[0-9a-f]{12}$/);
    expect(uniqueName()).not.toBe(uniqueName());
  });
});
