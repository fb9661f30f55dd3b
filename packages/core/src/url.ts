import { inspect } from 'node:util';
import { ConfigError } from './errors.js';

/** Query parameters of a URL; a key given twice keeps every value. */
export type UrlQuery = Readonly<Record<string, string | readonly string[]>>;

/** The parts of a database URL, as `DatabaseUrl.with()` takes them. */
export interface DatabaseUrlParts {
  readonly drivername: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly database?: string | undefined;
  readonly query?: UrlQuery | undefined;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s;

/**
 * A parsed SQLAlchemy-style database URL: `postgresql://user:p%40ss@host:5432/db?x=y`,
 * `mysql://…`, `sqlite:///relative.db`, `sqlite:////absolute.db`, `sqlite:///:memory:`.
 * The password is readable through `password` but never printed: `String(url)`, JSON and
 * `util.inspect` show it as `***`.
 */
export class DatabaseUrl {
  /** The full scheme, e.g. `postgresql` or `postgresql+pg`. */
  readonly drivername: string;
  readonly username: string | undefined;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly database: string | undefined;
  readonly query: UrlQuery;
  readonly #password: string | undefined;

  constructor(parts: DatabaseUrlParts) {
    this.drivername = parts.drivername;
    this.username = parts.username;
    this.#password = parts.password;
    this.host = parts.host;
    this.port = parts.port;
    this.database = parts.database;
    this.query = Object.freeze({ ...parts.query });
    Object.freeze(this);
  }

  /** Parse a URL string; a malformed one is a `ConfigError` for option `url` (password hidden). */
  static parse(text: string): DatabaseUrl {
    const match = SCHEME.exec(text.trim());
    if (match === null) {
      throw new ConfigError('url', `Invalid database URL "${redactUrlText(text)}": expected scheme://[user[:password]@]host[:port]/database`);
    }
    const drivername = match[1]!.toLowerCase();
    const rest = match[2]!;
    const queryAt = rest.indexOf('?');
    const beforeQuery = queryAt < 0 ? rest : rest.slice(0, queryAt);
    const slashAt = beforeQuery.indexOf('/');
    const authority = slashAt < 0 ? beforeQuery : beforeQuery.slice(0, slashAt);
    const path = slashAt < 0 ? undefined : beforeQuery.slice(slashAt + 1);
    const parts = parseAuthority(authority, text);
    return new DatabaseUrl({
      drivername,
      ...parts,
      database: path === undefined || path === '' ? undefined : decode(path, 'database', text),
      query: queryAt < 0 ? {} : parseQuery(rest.slice(queryAt + 1), text),
    });
  }

  /** The password, decoded; `undefined` when the URL has none. */
  get password(): string | undefined {
    return this.#password;
  }

  /** The database kind: the scheme without its `+driver` suffix (`postgresql+pg` → `postgresql`). */
  get backend(): string {
    const plus = this.drivername.indexOf('+');
    return plus < 0 ? this.drivername : this.drivername.slice(0, plus);
  }

  /** A copy with some parts replaced. */
  with(changes: Partial<DatabaseUrlParts>): DatabaseUrl {
    return new DatabaseUrl({ ...this.#parts(), ...changes });
  }

  /** The URL as text; the password is `***` unless `hidePassword` is false. */
  render(options: { hidePassword?: boolean } = {}): string {
    const hide = options.hidePassword ?? true;
    let auth = '';
    if (this.username !== undefined || this.#password !== undefined) {
      auth = encodeURIComponent(this.username ?? '');
      if (this.#password !== undefined) auth += ':' + (hide ? '***' : encodeURIComponent(this.#password));
      auth += '@';
    }
    const host = this.host === undefined ? '' : this.host.includes(':') ? `[${this.host}]` : encodeURIComponent(this.host);
    const port = this.port === undefined ? '' : `:${this.port}`;
    const database = this.database === undefined ? '' : '/' + encodeURI(this.database).replace(/[?#]/g, encodeURIComponent);
    const query = renderQuery(this.query);
    return `${this.drivername}://${auth}${host}${port}${database}${query}`;
  }

  toString(): string {
    return this.render();
  }

  toJSON(): string {
    return this.render();
  }

  [inspect.custom](): string {
    return `DatabaseUrl(${this.render()})`;
  }

  #parts(): DatabaseUrlParts {
    const { drivername, username, host, port, database, query } = this;
    return { drivername, username, password: this.#password, host, port, database, query };
  }
}

function parseAuthority(authority: string, text: string): Partial<DatabaseUrlParts> {
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? undefined : authority.slice(0, at);
  const hostport = at < 0 ? authority : authority.slice(at + 1);
  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    username = decode(colon < 0 ? userinfo : userinfo.slice(0, colon), 'username', text);
    if (colon >= 0) password = decode(userinfo.slice(colon + 1), 'password', text);
    if (username === '') username = undefined;
  }
  let host: string | undefined;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw new ConfigError('url', `Invalid database URL "${redactUrlText(text)}": unclosed IPv6 host`);
    host = hostport.slice(1, close);
    const after = hostport.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) {
      throw new ConfigError('url', `Invalid database URL "${redactUrlText(text)}": unexpected "${after}" after the IPv6 host`);
    }
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = hostport.lastIndexOf(':');
    host = colon < 0 ? hostport : hostport.slice(0, colon);
    portText = colon < 0 ? undefined : hostport.slice(colon + 1);
    host = decode(host, 'host', text);
  }
  return { username, password, host: host === '' ? undefined : host, port: parsePort(portText, text) };
}

function parsePort(portText: string | undefined, text: string): number | undefined {
  if (portText === undefined || portText === '') return undefined;
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new ConfigError('url', `Invalid database URL "${redactUrlText(text)}": port "${portText}" is not a number from 1 to 65535`);
  }
  return port;
}

function parseQuery(text: string, url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '), 'query', url);
    const value = decode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '), 'query', url);
    const previous = query[key];
    query[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}

function renderQuery(query: UrlQuery): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const one of typeof value === 'string' ? [value] : value) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(one)}`);
    }
  }
  return pairs.length === 0 ? '' : '?' + pairs.join('&');
}

function decode(part: string, what: string, text: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // The password itself may be the malformed part: never echo it back.
    const shown = what === 'password' ? '***' : `"${part}"`;
    throw new ConfigError('url', `Invalid database URL "${redactUrlText(text)}": bad percent-encoding in the ${what} ${shown}`);
  }
}

/** Hide the password of a URL that may not even parse: everything between `user:` and the last `@`. */
export function redactUrlText(text: string): string {
  // Greedy up to the last '@' before the path, as parse() splits it.
  return text.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/?#@]*:)[^/?#]*@/s, '$1***@');
}
