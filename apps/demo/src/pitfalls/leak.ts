import type { LeakDetail, PooledConnection } from '@pool/core';
import { createEngine } from '@pool/core';
import type { DemoContext } from '../demo-context.js';
import { observe } from '../demo-context.js';
import type { PitfallResult } from './pitfall.js';

const LEAK_DETECTION = 0.2;
const GIVE_UP_SECONDS = 3;

/**
 * A connection leak (guide, pitfall 1): a handler checks a connection out and never gives it
 * back. `leakDetection` reports it, with the stack of the checkout that leaked, once it has
 * been held longer than the limit.
 */
export async function leak(context: DemoContext): Promise<PitfallResult> {
  const warnings: string[] = [];
  await using engine = createEngine(context.url, {
    name: 'leak',
    poolSize: 2,
    maxOverflow: 0,
    leakDetection: LEAK_DETECTION,
    logger: { ...context.logger, warn: (_fields, message) => void warnings.push(message) },
  });
  await using _metrics = observe(context, engine);
  const report = new Promise<LeakDetail>((resolve) => engine.pool.once('leak', (_info, detail) => resolve(detail)));
  const leaked = await forgetfulHandler(engine);
  context.say(`A handler checked out connection ${leaked.info.id} and never released it; leakDetection is ${LEAK_DETECTION} s`);
  const detail = await within(report, GIVE_UP_SECONDS);
  // The demo's own clean-up; the handler above is the bug being shown.
  await leaked.release();
  const frame = detail?.stack.split('\n').find((line) => line.includes(forgetfulHandler.name))?.trim();
  if (detail !== undefined) {
    context.say(`Pool warning: ${warnings[0]?.split('\n')[0] ?? '(none)'}`);
    context.say(`  checkout stack: ${frame ?? detail.stack.split('\n')[0]?.trim() ?? ''}`);
  }
  const ok = detail !== undefined && frame !== undefined && warnings.some((w) => w.includes(forgetfulHandler.name));
  return {
    name: 'leak',
    ok,
    detail: detail === undefined
      ? `no leak reported within ${GIVE_UP_SECONDS} s`
      : `a connection held ${detail.heldFor.toFixed(2)} s (leakDetection ${LEAK_DETECTION} s) was reported with its checkout stack: ${frame ?? 'the handler is missing from the stack'}`,
  };
}

/** The bug: checks a connection out, uses it, and forgets to release it. */
async function forgetfulHandler(engine: ReturnType<typeof createEngine>): Promise<PooledConnection> {
  const conn = await engine.connect();
  await conn.query('SELECT 1');
  return conn;
}

/** `promise`'s value, or undefined when it takes longer than `seconds`. */
async function within<T>(promise: Promise<T>, seconds: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, seconds * 1000, undefined)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
