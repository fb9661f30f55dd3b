import type { DatabaseUrl } from '@pool/core';
import { closestName, ConfigError, POOL_QUERY_KEYS } from '@pool/core';
import { MYSQL_URL_ALIASES, mysqlConnectConfig } from './mysql-config.js';
import type { MysqlModule } from './mysql-connection.js';

// mysql2's words for an option it ignores; it prints them with console.error on every connection.
const IGNORED_OPTION = /^Ignoring invalid configuration option passed to Connection: (.+?)\. /;
const WARNING_TAIL = /\. This is currently a warning.*$/s;

/**
 * Check the mysql2 options made from the URL and `connectArgs` once, when the engine is made,
 * as mysql2 checks them: an option it does not know (which it would only warn about, on every
 * connection), a bad charset, SSL profile or timezone, an unreadable `ssl_ca` file or a bad
 * `sessionVariables` is a ConfigError naming the URL parameter or the `connectArgs` key.
 */
export function validateMysqlSettings(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>, mysql: MysqlModule): void {
  let options: Record<string, unknown>;
  try {
    options = mysqlConnectConfig(url, { connectTimeout: 10, tcpKeepAlive: true, connectArgs }).options;
  } catch (error) {
    throw settingError(error instanceof TypeError ? 'connectArgs' : 'url', error);
  }
  const Config = mysql.ConnectionConfig;
  if (Config === undefined) return;
  const warnings = captureConsoleErrors(() => {
    try {
      new Config(options);
    } catch (error) {
      throw settingError(sourceOf(error instanceof Error ? error.message : '', connectArgs), error);
    }
  });
  for (const warning of warnings) {
    const unknown = IGNORED_OPTION.exec(warning)?.[1];
    if (unknown === undefined) throw settingError(sourceOf(warning, connectArgs), new Error(warning.replace(WARNING_TAIL, '')));
    const fromCode = Object.hasOwn(connectArgs, unknown);
    const names = [...Object.keys(new Config({})), ...MYSQL_URL_ALIASES];
    // In the URL, a near miss may be of a pool option (`?conect_timeout=` for connect_timeout).
    const meant = closestName(unknown, fromCode ? names : [...POOL_QUERY_KEYS, ...names]);
    throw new ConfigError(
      fromCode ? 'connectArgs' : 'url',
      `@pool/mysql: mysql2 has no option "${unknown}" (${fromCode ? 'a connectArgs key' : 'a URL parameter'})${meant === undefined ? '' : `; did you mean ${meant}?`}`,
    );
  }
}

/** Whether mysql2's complaint is about a `connectArgs` key (else a URL parameter). */
function sourceOf(message: string, connectArgs: Readonly<Record<string, unknown>>): 'url' | 'connectArgs' {
  const key = /charset/i.test(message) ? 'charset' : /ssl/i.test(message) ? 'ssl' : /timezone/i.test(message) ? 'timezone' : undefined;
  return key !== undefined && Object.hasOwn(connectArgs, key) ? 'connectArgs' : 'url';
}

function settingError(option: string, error: unknown): ConfigError {
  return new ConfigError(option, `@pool/mysql: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * Run `fn` and return what it printed with console.error instead of printing it: mysql2 reports
 * ignored options that way. Synchronous, so nothing else can print in between.
 */
function captureConsoleErrors(fn: () => void): string[] {
  const printed: string[] = [];
  /* eslint-disable no-console -- mysql2 reports to the console; this reads what it says */
  const original = console.error;
  console.error = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  try {
    fn();
  } finally {
    console.error = original;
  }
  /* eslint-enable no-console */
  return printed;
}
