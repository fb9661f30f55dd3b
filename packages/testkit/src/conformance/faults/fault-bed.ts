import type { FaultProxy } from '../../proxy/fault-proxy.js';
import { startFaultProxy } from '../../proxy/fault-proxy.js';
import type { PrivateServer } from '../../servers/private-server.js';
import type { ConformanceTarget, PrivateServerOptions, TargetScope } from '../target.js';

/**
 * Where a fault scenario runs: a private server of its own, a fault proxy in front of it, and a
 * scope on that server whose admin session goes straight to the server (never through the proxy,
 * so the test can still look when the proxy is blackholed). Engines connect to `url`.
 */
export interface FaultBed extends AsyncDisposable {
  readonly server: PrivateServer;
  readonly proxy: FaultProxy;
  readonly scope: TargetScope;
  /** The scope's URL through the proxy: what the engine under test connects to. */
  readonly url: string;
}

/** Seconds a bed's proxy may live: longer than any scenario, short enough to end a stuck one. */
const PROXY_LIFETIME = 90;

/** Start a bed; every part started is stopped again if a later one fails. */
export async function faultBed<Raw>(target: ConformanceTarget<Raw>, options?: PrivateServerOptions): Promise<FaultBed> {
  if (target.startPrivateServer === undefined) throw new Error(`${target.name}: fault scenarios need private servers`);
  const server = await target.startPrivateServer(options);
  let proxy: FaultProxy | undefined;
  try {
    proxy = await startFaultProxy({ upstream: server.port, maxLifetime: PROXY_LIFETIME });
    const scope = await target.scope(server.url);
    const ready = proxy;
    return {
      server,
      proxy: ready,
      scope,
      url: ready.urlFor(scope.url),
      async [Symbol.asyncDispose]() {
        try {
          await ready.stop();
          await scope[Symbol.asyncDispose]();
        } finally {
          await server.dispose();
        }
      },
    };
  } catch (error) {
    await proxy?.stop();
    await server.dispose();
    throw error;
  }
}

/** What the scope of a bed can do on the server: list and kill this test's sessions. */
export type KillingScope = TargetScope & Required<Pick<TargetScope, 'sessions' | 'kill'>>;

/** The bed's scope, with the capabilities a scenario needs, or a loud failure. */
export function killingScope(bed: FaultBed, targetName: string): KillingScope {
  const { scope } = bed;
  if (scope.sessions === undefined || scope.kill === undefined) throw new Error(`${targetName}: this scope cannot list and kill sessions`);
  return scope as KillingScope;
}
