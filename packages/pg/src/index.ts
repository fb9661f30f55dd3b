export { createEngine } from './create-engine.js';
export type { PgEngineOptions } from './create-engine.js';
export { driver } from './driver.js';
export { PgDriver } from './pg-driver.js';
export { pgClientConfig } from './pg-config.js';
export { isPgDisconnect } from './pg-disconnect.js';
export type { PgClient, PgLibrary, PgModule, PgResult, PgSocket } from './pg-client.js';
