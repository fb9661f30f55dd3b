import { isIP } from 'node:net';

/**
 * Whether `host` names this machine only. Fault injection stays on loopback: the proxy refuses
 * to forward anywhere else, so a test can never blackhole or reset someone else's traffic.
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}
