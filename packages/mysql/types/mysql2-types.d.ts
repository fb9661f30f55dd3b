// A hand-written declaration file (not compiled from src/): tsc drops `@ts-ignore` comments from
// the declarations it emits, and this one must reach the application's compiler.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- mysql2 ships its types; this import fails only where mysql2 cannot be resolved.
import type * as mysql2 from 'mysql2';

declare const unresolved: unique symbol;
/**
 * Only an unresolved import (an error type) or `any` is assignable to this. Tested through a
 * one-element tuple: a conditional type over an error type directly would itself be `any`.
 */
interface Unresolved {
  readonly [unresolved]: true;
}

/** mysql2's own callback `Connection` type when the application can resolve it, else `Fallback`. */
export type MysqlConnectionOr<Fallback> = [mysql2.Connection] extends [Unresolved] ? Fallback : mysql2.Connection;
