/**
 * One 'abort' listener per signal, however many waiters share it: a request-scoped signal
 * handed to many connect() calls would otherwise pass Node's listener limit and warn.
 */
export class AbortWatch<M> {
  readonly #watched = new Map<AbortSignal, { readonly members: Set<M>; readonly listener: () => void }>();
  readonly #aborted: (member: M, reason: unknown) => void;

  /** `aborted` runs for each member still watched when its signal fires. */
  constructor(aborted: (member: M, reason: unknown) => void) {
    this.#aborted = aborted;
  }

  watch(signal: AbortSignal, member: M): void {
    let entry = this.#watched.get(signal);
    if (entry === undefined) {
      const members = new Set<M>();
      const listener = (): void => {
        this.#watched.delete(signal);
        for (const one of members) this.#aborted(one, signal.reason);
      };
      entry = { members, listener };
      this.#watched.set(signal, entry);
      signal.addEventListener('abort', listener, { once: true });
    }
    entry.members.add(member);
  }

  forget(signal: AbortSignal, member: M): void {
    const entry = this.#watched.get(signal);
    if (entry === undefined || !entry.members.delete(member) || entry.members.size > 0) return;
    this.#watched.delete(signal);
    signal.removeEventListener('abort', entry.listener);
  }
}
