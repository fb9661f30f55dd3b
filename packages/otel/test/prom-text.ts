/** One sample line of the Prometheus text format: `name{a="1",b="2"} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** What a scrape returned, parsed: the samples and the `# TYPE` and `# HELP` lines. */
export class Scrape {
  readonly samples: readonly Sample[];
  readonly types: ReadonlyMap<string, string>;
  readonly help: ReadonlyMap<string, string>;

  constructor(text: string) {
    const samples: Sample[] = [];
    const types = new Map<string, string>();
    const help = new Map<string, string>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const comment = /^# (TYPE|HELP) (\S+) (.*)$/.exec(line);
      if (comment !== null) {
        (comment[1] === 'TYPE' ? types : help).set(comment[2]!, comment[3]!);
        continue;
      }
      const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (sample === null) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
      samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
    }
    this.samples = samples;
    this.types = types;
    this.help = help;
  }

  /** The value of the one sample named `name` whose labels are exactly `labels`. */
  value(name: string, labels: Record<string, string>): number {
    const found = this.samples.filter((s) => s.name === name && sameLabels(s.labels, labels));
    if (found.length !== 1) throw new Error(`${found.length} samples ${name}${JSON.stringify(labels)}`);
    return found[0]!.value;
  }

  /** Every sample that carries `pool="…"`. */
  ofPool(pool: string): Sample[] {
    return this.samples.filter((s) => s.labels.pool === pool);
  }
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
