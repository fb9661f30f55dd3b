import { readFileSync } from 'node:fs';
import type { DatabaseUrl, DriverConnectOptions } from '@pool/core';

/** The mysql2 options for one connection, and the session variables to set once it is open. */
export interface MysqlConnectConfig {
  readonly options: Record<string, unknown>;
  readonly sessionVariables: Readonly<Record<string, string | number | boolean | null>>;
}

// URL parameters named as elsewhere (libpq, PyMySQL, the mysql client) mapped to mysql2 options.
const SOCKET_KEYS = new Set(['unix_socket', 'socket', 'socketPath']);
const SSL_FILES: Readonly<Record<string, string>> = { ssl_ca: 'ca', ssl_cert: 'cert', ssl_key: 'key' };

/** The URL parameters this driver reads itself, besides mysql2's own option names. */
export const MYSQL_URL_ALIASES: readonly string[] = [...SOCKET_KEYS, 'application_name', 'ssl', ...Object.keys(SSL_FILES), 'ssl_verify_cert'];

/**
 * mysql2 options from the URL and `connectArgs`. URL parameters: `unix_socket` (or `socket`)
 * for a unix socket, `application_name` as the `program_name` connection attribute, `ssl`
 * (`true`, a JSON object or a mysql2 profile name), `ssl_ca` / `ssl_cert` / `ssl_key` (files),
 * `ssl_verify_cert=false`; any other parameter is a mysql2 option of that name, its value read
 * as mysql2 reads URL values (JSON when it parses, else text). `connectArgs` are mysql2 options
 * laid over all that, plus `sessionVariables` (`{ max_statement_time: 5 }`), set with one
 * `SET SESSION` right after connecting.
 */
export function mysqlConnectConfig(url: DatabaseUrl, options: Pick<DriverConnectOptions, 'connectTimeout' | 'tcpKeepAlive' | 'connectArgs'> & Partial<Pick<DriverConnectOptions, 'signal'>>): MysqlConnectConfig {
  const fromUrl: Record<string, unknown> = {};
  const ssl: Record<string, unknown> = {};
  let sslWanted = false;
  for (const [key, raw] of Object.entries(url.query)) {
    const text = typeof raw === 'string' ? raw : (raw.at(-1) ?? '');
    if (SOCKET_KEYS.has(key)) fromUrl.socketPath = text;
    else if (key === 'application_name') fromUrl.connectAttributes = { program_name: text };
    else if (key in SSL_FILES) {
      ssl[SSL_FILES[key]!] = readFileSync(text, 'utf8');
      sslWanted = true;
    } else if (key === 'ssl_verify_cert') {
      ssl.rejectUnauthorized = coerce(text) !== false;
    } else if (key === 'ssl') {
      const value = coerce(text);
      if (value === false) continue;
      sslWanted = true;
      if (typeof value === 'object' && value !== null) Object.assign(ssl, value);
      else if (typeof value === 'string') fromUrl.ssl = value;
    } else fromUrl[key] = coerce(text);
  }
  if (sslWanted && fromUrl.ssl === undefined) fromUrl.ssl = ssl;
  const { sessionVariables, ...args } = options.connectArgs as { sessionVariables?: unknown } & Record<string, unknown>;
  return {
    options: {
      host: url.host,
      port: url.port,
      user: url.username,
      password: url.password,
      database: url.database,
      enableKeepAlive: options.tcpKeepAlive,
      connectTimeout: Math.ceil(options.connectTimeout * 1000),
      ...fromUrl,
      ...args,
    },
    sessionVariables: checkVariables(sessionVariables),
  };
}

function coerce(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkVariables(value: unknown): Readonly<Record<string, string | number | boolean | null>> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('connectArgs.sessionVariables must be an object such as { max_statement_time: 5 }');
  }
  for (const [name, setting] of Object.entries(value)) {
    if (!VARIABLE.test(name)) throw new TypeError(`connectArgs.sessionVariables: "${name}" is not a variable name`);
    if (setting !== null && !['string', 'number', 'boolean'].includes(typeof setting)) {
      throw new TypeError(`connectArgs.sessionVariables.${name} must be a string, number, boolean or null`);
    }
  }
  return value as Record<string, string | number | boolean | null>;
}

/** `SET SESSION a = ?, b = ?` and its values, or undefined when there is nothing to set. */
export function sessionStatement(variables: Readonly<Record<string, string | number | boolean | null>>): { sql: string; values: unknown[] } | undefined {
  const names = Object.keys(variables);
  if (names.length === 0) return undefined;
  return { sql: `SET SESSION ${names.map((name) => `${name} = ?`).join(', ')}`, values: names.map((name) => variables[name]) };
}
