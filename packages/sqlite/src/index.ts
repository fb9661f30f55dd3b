export { createEngine, driver, MEMORY_PINS } from './create-engine.js';
export type { SqliteEngineOptions } from './create-engine.js';
export { SqliteDriver } from './sqlite-driver.js';
export type { SqliteExecuteResult } from './sqlite-driver.js';
export { isMemoryUrl } from './sqlite-settings.js';
export type { TransactionMode } from './sqlite-settings.js';
export type { SqliteDatabase, SqliteRaw, SqliteStatement } from './better-sqlite3.js';
