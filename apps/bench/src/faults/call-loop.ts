import { now, sleep } from '../measure.js';

/** One call through a pool: checkout, `SELECT 1`, release. */
export interface CallRecord {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
}

/**
 * `workers` callers, each making one call after another with `thinkMs` between them whatever
 * the outcome (requests keep coming while the database misbehaves: a failed request does not
 * slow the next one down). Calls can take forever under some faults, so the loop can be paused
 * and stopped without waiting for them: what is still running at the end is reported as hung.
 */
export class CallLoop {
  readonly records: CallRecord[] = [];
  readonly #call: () => Promise<void>;
  /** Start time of each call running, by serial number. */
  readonly #pending = new Map<number, number>();
  #serial = 0;
  readonly #workers: Promise<void>[] = [];
  #running = true;
  #paused = false;
  #resume: (() => void) | undefined;
  /** Uncaught exceptions and unhandled rejections counted while this loop ran (a peer that crashes). */
  uncaught = 0;

  constructor(call: () => Promise<void>, workers: number, thinkMs: number) {
    this.#call = call;
    for (let i = 0; i < workers; i++) this.#workers.push(this.#work(thinkMs));
  }

  /** Start times of the calls still running. */
  get pending(): readonly number[] {
    return [...this.#pending.values()];
  }

  /** Stop starting calls, and wait (at most `graceMs`) for those running to end. */
  async pause(graceMs = 5000): Promise<void> {
    this.#paused = true;
    const deadline = now() + graceMs;
    while (this.#pending.size > 0 && now() < deadline) await sleep(5);
  }

  resume(): void {
    this.#paused = false;
    this.#resume?.();
    this.#resume = undefined;
  }

  /** Stop for good; calls still running after `graceMs` are left behind (hung). */
  async stop(graceMs: number): Promise<void> {
    this.#running = false;
    this.resume();
    const deadline = now() + graceMs;
    while (this.#pending.size > 0 && now() < deadline) await sleep(5);
  }

  async #work(thinkMs: number): Promise<void> {
    while (this.#running) {
      if (this.#paused) {
        await new Promise<void>((resolve) => {
          const previous = this.#resume;
          this.#resume = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      const startedAt = now();
      const serial = ++this.#serial;
      this.#pending.set(serial, startedAt);
      let ok = true;
      try {
        await this.#call();
      } catch {
        ok = false;
      }
      this.#pending.delete(serial);
      this.records.push({ startedAt, endedAt: now(), ok });
      await sleep(thinkMs);
    }
  }
}
