// A hand-written declaration file (not compiled from src/): tsc drops `@ts-ignore` comments from
// the declarations it emits, and this one must reach the application's compiler.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- @types/pg is optional: without it (or with only pg's JavaScript) this import does not resolve.
import type * as pg from 'pg';

declare const unresolved: unique symbol;
/**
 * Only an unresolved import (an error type) or `any` is assignable to this. Tested through a
 * one-element tuple: a conditional type over an error type directly would itself be `any`.
 */
interface Unresolved {
  readonly [unresolved]: true;
}

/** `pg.Client` from @types/pg when the application has those types installed, else `Fallback`. */
export type PgClientOr<Fallback> = [pg.Client] extends [Unresolved] ? Fallback : pg.Client;
