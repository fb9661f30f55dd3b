/** The forms a password can take in text: as typed, and percent-encoded as in a URL. */
function secretForms(secret: string | undefined): string[] {
  if (secret === undefined || secret === '') return [];
  const encoded = encodeURIComponent(secret);
  return encoded === secret ? [secret] : [secret, encoded];
}

/** Replace every occurrence of the password in `text` with `***`. */
export function redact(text: string, secret: string | undefined): string {
  let out = text;
  for (const form of secretForms(secret)) out = out.split(form).join('***');
  return out;
}

/**
 * Scrub the password from an error and everything it links to (`cause`, AggregateError's
 * `errors`), in place: util.inspect prints the whole chain, so every link must be clean.
 */
export function scrubError(error: unknown, secret: string | undefined, seen = new Set<unknown>()): void {
  if (secretForms(secret).length === 0 || typeof error !== 'object' || error === null || seen.has(error)) return;
  seen.add(error);
  const record = error as Record<string, unknown>;
  for (const key of ['message', 'stack', 'detail', 'hint', 'sql', 'sqlMessage'] as const) {
    const value = record[key];
    if (typeof value === 'string' && redact(value, secret) !== value) {
      Object.defineProperty(error, key, { value: redact(value, secret), writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(error, key) });
    }
  }
  scrubError(record.cause, secret, seen);
  if (Array.isArray(record.errors)) for (const inner of record.errors) scrubError(inner, secret, seen);
}
