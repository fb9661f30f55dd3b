export { createEngine } from './create-engine.js';
export type { MysqlEngineOptions } from './create-engine.js';
export { driver } from './driver.js';
export { MysqlDriver } from './mysql-driver.js';
export { mysqlConnectConfig } from './mysql-config.js';
export type { MysqlConnectConfig } from './mysql-config.js';
export { isMysqlDisconnect } from './mysql-disconnect.js';
export type { MysqlConnection, MysqlModule, MysqlOkPacket, MysqlSocket } from './mysql-connection.js';
