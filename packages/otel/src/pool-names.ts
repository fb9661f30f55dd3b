/**
 * Pool names in use per exporter target (a meter provider, a registry): two engines with one name
 * would share one series and mix their numbers, so the second is refused with a clear error.
 */
export class PoolNames {
  readonly #taken = new WeakMap<object, Set<string>>();
  readonly #who: string;
  readonly #where: string;

  /** `who`: the function named in the error (`instrumentEngine`); `where`: what the target is (`meter provider`). */
  constructor(who: string, where: string) {
    this.#who = who;
    this.#where = where;
  }

  /** Reserve `name` on `target`, or throw if an engine there has it already. */
  claim(target: object, name: string): void {
    let names = this.#taken.get(target);
    if (names === undefined) this.#taken.set(target, (names = new Set()));
    if (names.has(name)) {
      throw new Error(`${this.#who}: a pool named "${name}" is already reported to this ${this.#where}; give each engine its own \`name\` option (createEngine(url, { name: 'orders' })), or stop() the first`);
    }
    names.add(name);
  }

  release(target: object, name: string): void {
    this.#taken.get(target)?.delete(name);
  }
}
