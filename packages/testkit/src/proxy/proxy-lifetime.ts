/** What the lifetime guard can stop. */
interface Stoppable {
  /** Drop every socket at once, synchronously (the process is exiting). */
  destroyNow(): void;
}

const live = new Set<Stoppable>();
let exitHookInstalled = false;

/**
 * Keep track of a running proxy so that it never outlives its process: one `exit` hook for all
 * of them (not one listener per proxy) drops whatever is left. Returns the function that
 * forgets it again, for a proxy that stopped normally.
 */
export function trackUntilExit(proxy: Stoppable): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const one of live) one.destroyNow();
      live.clear();
    });
  }
  live.add(proxy);
  return () => live.delete(proxy);
}

/** A timer that stops the proxy after `seconds`, never keeping the process alive by itself. */
export function lifetimeTimer(seconds: number, expire: () => void): NodeJS.Timeout {
  const timer = setTimeout(expire, seconds * 1000);
  timer.unref();
  return timer;
}
