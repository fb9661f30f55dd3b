/**
 * Parsers for the kinds of value an option can hold. Each returns the parsed value or a string
 * saying what was expected; the caller turns that into a ConfigError naming option and source.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (expected: string): Parsed<never> => ({ ok: false, expected });

// Strict decimal: no hex, no empty string, no trailing garbage ("5px"), no exponent surprises.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && DECIMAL.test(raw.trim())) return Number(raw.trim());
  return undefined;
}

/** Whole number ≥ `min`. */
export function integer(min: number): (raw: unknown) => Parsed<number> {
  const expected = min === 0 ? 'a non-negative integer' : `an integer ≥ ${min}`;
  return (raw) => {
    const n = toNumber(raw);
    return n !== undefined && Number.isInteger(n) && n >= min ? ok(n) : bad(expected);
  };
}

/** Seconds ≥ 0, fractions allowed. */
export function seconds(raw: unknown): Parsed<number> {
  const n = toNumber(raw);
  return n !== undefined && n >= 0 ? ok(n) : bad('a number of seconds ≥ 0');
}

/** Seconds ≥ 0 (or > 0 when `positive`), or -1 meaning "never". */
export function secondsOrNever(positive: boolean): (raw: unknown) => Parsed<number> {
  const expected = positive ? 'a number of seconds > 0, or -1 for never' : 'a number of seconds ≥ 0, or -1 for never';
  return (raw) => {
    const n = toNumber(raw);
    if (n === -1) return ok(-1);
    return n !== undefined && (positive ? n > 0 : n >= 0) ? ok(n) : bad(expected);
  };
}

/** Only true/false/1/0, any case: "yes" or "on" are mistakes, not truths. */
export function boolean(raw: unknown): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 1 || raw === 0) return ok(raw === 1);
  if (typeof raw === 'string') {
    const text = raw.trim().toLowerCase();
    if (text === 'true' || text === '1') return ok(true);
    if (text === 'false' || text === '0') return ok(false);
  }
  return bad('true, false, 1 or 0');
}

/** `'rollback'`, `'commit'`, or false/null (text: `false`, `none`, `null`). */
export function resetMode(raw: unknown): Parsed<'rollback' | 'commit' | false> {
  if (raw === false || raw === null) return ok(false);
  if (typeof raw === 'string') {
    const text = raw.trim().toLowerCase();
    if (text === 'rollback' || text === 'commit') return ok(text);
    if (text === 'false' || text === 'none' || text === 'null') return ok(false);
  }
  return bad("'rollback', 'commit' or false");
}

/** Non-empty text, trimmed. */
export function text(raw: unknown): Parsed<string> {
  return typeof raw === 'string' && raw.trim() !== '' ? ok(raw.trim()) : bad('a non-empty string');
}

/** A function, given in code. */
export function func(raw: unknown): Parsed<(...args: never[]) => unknown> {
  return typeof raw === 'function' ? ok(raw as (...args: never[]) => unknown) : bad('a function');
}

/** A plain object, given in code. */
export function object(raw: unknown): Parsed<Record<string, unknown>> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? ok(raw as Record<string, unknown>) : bad('an object');
}

/** Render a bad value for an error message, briefly. */
export function describeValue(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw.length > 60 ? raw.slice(0, 57) + '...' : raw);
  if (typeof raw === 'function') return 'a function';
  if (Array.isArray(raw)) return 'an array';
  if (raw === null) return 'null';
  if (typeof raw === 'object') return 'an object';
  return `${raw as number | boolean | bigint | undefined}`;
}
