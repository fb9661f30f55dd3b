import { inspect } from 'node:util';
import { ConnectError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { freePort } from '../free-port.js';
import { startSilentServer } from '../silent-server.js';
import { waitFor } from '../wait.js';
import type { ConformanceTarget } from './target.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the connect to fail');
    },
    (error: unknown) => error,
  );
}

/** Servers that refuse, never answer, or reject the password (test 8 of the suite, and the password check). */
export function describeConnectFailures<Raw>(target: ConformanceTarget<Raw>): void {
  const urlFor = target.urlFor?.bind(target);
  const wrongPassword = target.wrongPassword?.bind(target);
  // vitest refuses an empty describe: a target without either capability (SQLite) gets none.
  if (urlFor === undefined && wrongPassword === undefined) return;
  describe(`${target.name}: connect failures`, () => {
    if (urlFor !== undefined) {
      it('a server that refuses connections: ConnectError within connectTimeout, nothing leaks from the pool', async () => {
        const port = await freePort();
        await using engine = target.createEngine(urlFor('127.0.0.1', port), { connectTimeout: 2, poolSize: 1, maxOverflow: 0 });
        for (let attempt = 0; attempt < 2; attempt++) {
          const started = Date.now();
          const error = await failure(engine.connect());
          expect(Date.now() - started).toBeLessThan(2000);
          expect(error).toBeInstanceOf(ConnectError);
          expect((error as ConnectError).cause).toBeDefined();
        }
        expect(engine.pool.stats()).toMatchObject({ open: 0, checkedOut: 0, waiting: 0, created: 0 });
      });

      it('a server that accepts and never answers: ConnectError at connectTimeout, and no socket left open', async () => {
        await using silent = await startSilentServer();
        await using engine = target.createEngine(urlFor('127.0.0.1', silent.port), { connectTimeout: 0.5, poolSize: 1, maxOverflow: 0 });
        const started = Date.now();
        const error = await failure(engine.connect());
        const elapsed = Date.now() - started;
        expect(error).toBeInstanceOf(ConnectError);
        expect(elapsed).toBeGreaterThanOrEqual(450);
        expect(elapsed).toBeLessThan(5000);
        expect(silent.accepted).toBe(1);
        // The pool probes the server again shortly (with backoff): stop it, then nothing may stay open.
        await engine.dispose();
        await waitFor(() => silent.open === 0 && engine.pool.stats().open === 0, { timeout: 3000, what: 'the client to close its sockets' });
        expect(engine.pool.stats()).toMatchObject({ open: 0, checkedOut: 0, waiting: 0, created: 0 });
      });
    }

    if (wrongPassword !== undefined) {
      it('a wrong password: ConnectError with the driver error as cause, and the password nowhere', async () => {
        await using setup = await wrongPassword();
        await using engine = target.createEngine(setup.url, { poolSize: 1, maxOverflow: 0, connectTimeout: 5 });
        const error = await failure(engine.connect());
        expect(error).toBeInstanceOf(ConnectError);
        const cause = (error as ConnectError).cause;
        expect(setup.isAuthError(cause)).toBe(true);
        const printed = [inspect(error, { depth: 10 }), String(error), (cause as Error).message, String(engine.url), JSON.stringify(engine.url)];
        for (const text of printed) expect(text).not.toContain(setup.password);
        expect(String(engine.url)).toContain('***');
        expect(engine.pool.stats()).toMatchObject({ open: 0, checkedOut: 0 });
      });
    }
  });
}
