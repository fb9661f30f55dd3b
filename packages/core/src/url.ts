import { maskUrlText, parseUrlText } from './internal/url-parser.js';

// util.inspect's hook, by its registered name: no import of node:util in the type declarations.
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

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

  /**
   * Parse a URL string; surrounding whitespace is trimmed. A malformed one is a `ConfigError`
   * for option `url` that says what is wrong and where, showing the URL with everything between
   * the scheme and the last "@" masked.
   */
  static parse(text: string): DatabaseUrl {
    return new DatabaseUrl(parseUrlText(text));
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

  [INSPECT](): string {
    return `DatabaseUrl(${this.render()})`;
  }

  #parts(): DatabaseUrlParts {
    const { drivername, username, host, port, database, query } = this;
    return { drivername, username, password: this.#password, host, port, database, query };
  }
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

/**
 * URL text that may not even parse, with what may be a password hidden: everything between the
 * scheme and the last "@" becomes `***` (and, with no "@", a port that is not a number).
 */
export function redactUrlText(text: string): string {
  return maskUrlText(text.trim());
}
