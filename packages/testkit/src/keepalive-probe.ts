import { readFileSync } from 'node:fs';

/**
 * Whether the kernel runs a keepalive timer on the established TCP connection from this local
 * port: what SO_KEEPALIVE does, seen from outside the process. Linux: in /proc/net/tcp{,6} the
 * `tr` field of an idle connection is 02 (keepalive timer) with SO_KEEPALIVE, 00 without.
 */
export function keepAliveTimerOn(localPort: number): boolean {
  const port = localPort.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state, , timer] = line.trim().split(/\s+/);
      // State 01 is ESTABLISHED; the timer field reads "tr:when".
      if (local?.endsWith(`:${port}`) && state === '01') return timer?.startsWith('02:') === true;
    }
  }
  throw new Error(`no established TCP connection from local port ${localPort}`);
}
