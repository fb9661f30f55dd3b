/**
 * Check an options object eagerly, as @pool/core checks its own: an object, no unknown key (a
 * misspelt `meterprovider` would otherwise fall back to the default without a word), and each
 * given value of the expected shape. The message names the function, the option and the value.
 */
export function checkOptions(who: string, options: unknown, shapes: Readonly<Record<string, (value: unknown) => string | undefined>>): void {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${who}: options must be an object, got ${describe(options)}`);
  for (const [key, value] of Object.entries(options)) {
    const check = shapes[key];
    if (check === undefined) throw new TypeError(`${who}: unknown option "${key}" (known: ${Object.keys(shapes).join(', ')})`);
    if (value === undefined) continue;
    const expected = check(value);
    if (expected !== undefined) throw new TypeError(`${who}: option ${key} must be ${expected}, got ${describe(value)}`);
  }
}

/** A check that passes objects with these methods. */
export function withMethods(what: string, ...methods: string[]): (value: unknown) => string | undefined {
  return (value) => (typeof value === 'object' && value !== null && methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function') ? undefined : what);
}

function describe(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'object':
      return value === null ? 'null' : (value.constructor?.name ?? 'an object');
    case 'function':
      return 'a function';
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${value}`;
    default:
      return typeof value;
  }
}
