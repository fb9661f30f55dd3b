import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '@pool/core';
import type { DemoContext } from '../demo-context.js';
import { demoEngine, observe, secondsSince } from '../demo-context.js';
import type { PitfallResult } from './pitfall.js';
import { range } from './pitfall.js';

const POOL = { poolSize: 2, maxOverflow: 0, poolTimeout: 0.2 };
const REQUESTS = 4;
const HOLD_SECONDS = 0.5;

interface Answer {
  readonly status: 200 | 503 | 500;
  readonly seconds: number;
  readonly message?: string;
}

/**
 * Pool exhaustion (guide, pitfall 3): more requests hold connections than the pool has, with a
 * short poolTimeout. The ones that cannot get a connection in time are answered 503 instead of
 * hanging, and the pool serves the next request once the holders are done.
 */
export async function exhaustion(context: DemoContext): Promise<PitfallResult> {
  await using engine = demoEngine(context, { name: 'exhaustion', ...POOL });
  await using _metrics = observe(context, engine);
  context.say(`${REQUESTS} requests hold a connection for ${HOLD_SECONDS} s each; the pool has ${POOL.poolSize}, poolTimeout ${POOL.poolTimeout} s`);
  const answers = await Promise.all(range(REQUESTS).map(() => handleRequest(engine, HOLD_SECONDS)));
  answers.forEach((answer, i) => context.say(`Request ${i}: ${describe(answer)}`));
  const next = await handleRequest(engine, 0);
  context.say(`Request ${REQUESTS} (after the others): ${describe(next)}`);

  const expected = `QueuePool limit of size ${POOL.poolSize} overflow ${POOL.maxOverflow} reached, connection timed out, timeout ${POOL.poolTimeout.toFixed(2)}`;
  const served = answers.filter((a) => a.status === 200).length;
  const refused = answers.filter((a) => a.status === 503 && a.message === expected);
  const ok = served === POOL.poolSize && refused.length === REQUESTS - POOL.poolSize && next.status === 200;
  const slowest = Math.max(0, ...refused.map((a) => a.seconds));
  return {
    name: 'exhaustion',
    ok,
    detail: `${REQUESTS} requests on a pool of ${POOL.poolSize} (poolTimeout ${POOL.poolTimeout} s): ${served} served, ${refused.length} answered 503 within ${slowest.toFixed(2)} s ("${refused[0]?.message ?? 'no PoolTimeoutError'}"); the next request got ${next.status}`,
  };
}

/** A request handler in the shape the guide recommends: a pool timeout becomes a 503. */
async function handleRequest(engine: Engine, holdSeconds: number): Promise<Answer> {
  const start = performance.now();
  try {
    await using conn = await engine.connect();
    await conn.query('SELECT 1');
    await sleep(holdSeconds * 1000);
    return { status: 200, seconds: secondsSince(start) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const timedOut = (error as { code?: unknown }).code === 'POOL_TIMEOUT';
    return { status: timedOut ? 503 : 500, seconds: secondsSince(start), message };
  }
}

function describe(answer: Answer): string {
  if (answer.status === 200) return `200 OK after ${answer.seconds.toFixed(3)} s`;
  const text = answer.status === 503 ? '503 Service Unavailable' : '500 Internal Server Error';
  return `${text} after ${answer.seconds.toFixed(3)} s (${answer.message ?? ''})`;
}
