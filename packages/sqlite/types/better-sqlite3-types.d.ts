// A hand-written declaration file (not compiled from src/): tsc drops `@ts-ignore` comments from
// the declarations it emits, and this one must reach the application's compiler.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- @types/better-sqlite3 is optional: without it this import does not resolve.
import type * as BetterSqlite3 from 'better-sqlite3';

declare const unresolved: unique symbol;
/**
 * Only an unresolved import (an error type) or `any` is assignable to this. Tested through a
 * one-element tuple: a conditional type over an error type directly would itself be `any`.
 */
interface Unresolved {
  readonly [unresolved]: true;
}

/** better-sqlite3's `Database` from @types/better-sqlite3 when the application has it, else `Fallback`. */
export type SqliteDatabaseOr<Fallback> = [BetterSqlite3.Database] extends [Unresolved] ? Fallback : BetterSqlite3.Database;
