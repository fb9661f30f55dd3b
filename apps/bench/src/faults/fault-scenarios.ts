import type { FaultProxy, TargetScope } from '@pool/testkit';
import { now, sleep } from '../measure.js';
import type { CallLoop } from './call-loop.js';
import type { FaultServer } from './fault-server.js';

/** What a scenario works with: the proxy in front of the server, the server, this run's scope, the callers. */
export interface ScenarioContext {
  readonly proxy: FaultProxy;
  readonly server: FaultServer;
  readonly scope: TargetScope;
  readonly loop: CallLoop;
  /** How long the fault lasts, in ms (shorter with --quick). */
  readonly faultMs: number;
}

/** When a scenario's fault began and cleared, and what it could count meanwhile. */
export interface ScenarioTimeline {
  readonly faultAt: number;
  /** When the database was reachable again; undefined when it never went away (session kills). */
  readonly healedAt: number | undefined;
  /** Connections the server's port saw per second during the fault, where that is the point. */
  readonly attemptsPerSecond?: number;
}

/** One way the database misbehaves: a row of the table. */
export interface FaultScenario {
  readonly key: string;
  /** The row's label. */
  readonly label: string;
  /** What it does, printed next to the table. */
  readonly meaning: string;
  /** Run in --quick mode too (short, and enough to show the comparison still runs). */
  readonly quick: boolean;
  run(ctx: ScenarioContext): Promise<ScenarioTimeline>;
}

/** A fault switched on for `faultMs`, then off. */
async function window(ctx: ScenarioContext, on: () => void | Promise<void>, off: () => Promise<void>): Promise<ScenarioTimeline> {
  const faultAt = now();
  await on();
  await sleep(ctx.faultMs);
  await off();
  return { faultAt, healedAt: now() };
}

const KILL_EVERY_MS = 200;

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  {
    key: 'down',
    label: 'server down (port closed, connections reset)',
    meaning: 'the server process is gone: its port refuses connections and every open connection is reset, until it is back',
    quick: true,
    run: (ctx) =>
      window(
        ctx,
        () => {
          ctx.proxy.refuse();
          ctx.proxy.resetAll();
        },
        () => ctx.proxy.accept(),
      ),
  },
  {
    key: 'blackhole-held',
    label: 'blackhole, bytes held',
    meaning: 'a network partition that heals: nothing passes either way (new connections hang in their handshake), then everything sent arrives late',
    quick: false,
    run: (ctx) => window(ctx, () => ctx.proxy.blackhole('hold'), () => ctx.proxy.heal()),
  },
  {
    key: 'blackhole-lost',
    label: 'blackhole, bytes lost',
    meaning: 'the same, but what was sent during it is lost: a statement sent then never gets an answer, and its connection waits behind it for good',
    quick: false,
    run: (ctx) => window(ctx, () => ctx.proxy.blackhole('drop'), () => ctx.proxy.heal()),
  },
  {
    key: 'rst-load',
    label: 'RST under load',
    meaning: 'every connection is reset once (a firewall or load balancer failing over) while the callers run',
    quick: false,
    run: async (ctx) => {
      const faultAt = now();
      ctx.proxy.resetAll();
      return { faultAt, healedAt: faultAt };
    },
  },
  {
    key: 'rst-idle',
    label: 'RST while idle',
    meaning: 'the same reset while the pool sits idle (callers paused 0.6 s, longer than prePingBypass); the callers then resume',
    quick: false,
    run: async (ctx) => {
      await ctx.loop.pause();
      await sleep(600);
      const faultAt = now();
      ctx.proxy.resetAll();
      await sleep(50);
      ctx.loop.resume();
      return { faultAt, healedAt: now() };
    },
  },
  {
    key: 'delay-200',
    label: '+200 ms per packet',
    meaning: 'every packet from the server arrives 200 ms late (each round trip takes 200 ms longer)',
    quick: false,
    run: (ctx) => window(ctx, () => ctx.proxy.delay(200), () => ctx.proxy.heal()),
  },
  {
    key: 'delay-1000',
    label: '+1000 ms per packet',
    meaning: 'the same with 1 s: each statement takes over a second, half the statement timeout; the handshake of a new connection (several round trips) comes close to the 2 s connect timeout',
    quick: false,
    run: (ctx) => window(ctx, () => ctx.proxy.delay(1000), () => ctx.proxy.heal()),
  },
  {
    key: 'restart',
    label: 'server restart (down 1 s)',
    meaning: 'the server shuts down (PostgreSQL: fast, sessions get 57P01; MariaDB: normal), stays down 1 s and starts again; *first good* counts from the moment it is seen accepting again, which a pool reconnecting meanwhile can beat (0 ms); *connects* shows how hard each pool knocked while it was down',
    quick: false,
    run: async (ctx) => {
      const faultAt = now();
      await ctx.server.server.stop();
      await sleep(1000);
      await ctx.server.server.start();
      return { faultAt, healedAt: now() };
    },
  },
  {
    key: 'full',
    label: 'server full',
    meaning: "every pooled connection is reset and other clients take every session the server allows (PostgreSQL 53300, MariaDB 1040 'Too many connections'), then leave",
    quick: false,
    run: async (ctx) => {
      // Keep the pool off the server while it is being filled, so that it does not take slots back.
      ctx.proxy.refuse();
      ctx.proxy.resetAll();
      await sleep(200);
      const filler = await ctx.server.fill();
      try {
        await ctx.proxy.accept();
        const faultAt = now();
        const before = ctx.proxy.accepted;
        await sleep(ctx.faultMs);
        const attemptsPerSecond = (ctx.proxy.accepted - before) / ((now() - faultAt) / 1000);
        await filler.release();
        return { faultAt, healedAt: now(), attemptsPerSecond };
      } finally {
        await filler.release();
      }
    },
  },
  {
    key: 'kills',
    label: `session kills (one per ${KILL_EVERY_MS} ms)`,
    meaning: `the server kills one of the pool's sessions every ${KILL_EVERY_MS} ms (pg_terminate_backend, KILL), busy or idle`,
    quick: false,
    run: async (ctx) => {
      const { sessions, kill } = ctx.scope;
      if (sessions === undefined || kill === undefined) throw new Error('this scope cannot kill sessions');
      const faultAt = now();
      while (now() - faultAt < ctx.faultMs) {
        const live = await sessions();
        const pid = live[Math.floor(Math.random() * live.length)];
        // A session may end by itself between the listing and the kill: that one is simply skipped.
        if (pid !== undefined) await kill(pid).catch(() => undefined);
        await sleep(KILL_EVERY_MS);
      }
      return { faultAt, healedAt: undefined };
    },
  },
];
