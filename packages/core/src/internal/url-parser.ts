import { ConfigError } from '../errors.js';

/**
 * Reading a database URL's text into its parts, and showing URL text that did not parse
 * without its password. An error about a URL says what is wrong and where; the URL it shows
 * has everything between the scheme and the last "@" masked, so no password (encoded or not,
 * whatever characters it holds) reaches a message, a stack or a log line.
 */

/** The parts of a URL as read from its text (the `DatabaseUrlParts` of url.ts). */
export interface UrlTextParts {
  readonly drivername: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly database: string | undefined;
  readonly query: Record<string, string | string[]>;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s;
// What may stand before the user info when "://" is mistyped: "postgresql:", "postgresql:/", "postgresql//", "root:".
const PREFIX = /^[A-Za-z][A-Za-z0-9+.-]*(?::\/{0,3}|\/{1,3})/;
const QUOTE = /^["'`\u2018\u2019\u201C\u201D]|["'`\u2018\u2019\u201C\u201D]$/;
const QUOTES_AROUND = /^["'`\u2018\u2019\u201C\u201D]+|["'`\u2018\u2019\u201C\u201D]+$/g;
// Only to word a missing "//" precisely: any scheme is still accepted with a Driver of its own.
const KNOWN_SCHEME = /^(postgres|postgresql|mysql|mariadb|sqlite)(\+[\w.-]+)?$/i;
const PORT = /^\d{1,5}$/;
const ENCODE_HINT = 'percent-encode special characters of a password, e.g. with encodeURIComponent ("/" is %2F, "?" is %3F, "@" is %40, "%" is %25)';

/**
 * URL text with what may be a password hidden: everything between the scheme and the last "@"
 * becomes `***`. Without an "@" there is no user info, but a password typed without its
 * "@host" would read as the port, so a port that is not a number is hidden, with all that
 * follows it; text with neither "://" nor "@" is shown only up to its scheme.
 */
export function maskUrlText(text: string): string {
  const prefix = PREFIX.exec(text)?.[0] ?? '';
  const at = text.lastIndexOf('@');
  if (at >= 0) return `${prefix}***${text.slice(at)}`;
  const match = SCHEME.exec(text);
  if (match === null) return `${prefix}…`;
  const rest = match[2]!;
  const end = rest.search(/[/?]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const colon = authority.startsWith('[') ? authority.indexOf(']:') + 1 : authority.indexOf(':');
  if (colon <= 0 || PORT.test(authority.slice(colon + 1))) return text;
  // The rest of such a password may follow in the path or query: show nothing after it.
  return `${match[1]}://${authority.slice(0, colon + 1)}***`;
}

/**
 * Read `scheme://[user[:password]@]host[:port][/database][?query]`. Surrounding whitespace is
 * trimmed; quotes, a mistyped "://", a misplaced "@" and bad ports or percent-escapes are
 * ConfigErrors for option `url` that say what is wrong, naming the URL as `label`.
 */
export function parseUrlText(input: unknown, label = 'database URL'): UrlTextParts {
  if (typeof input !== 'string') throw new ConfigError('url', `The ${label} must be a string, got ${input === null ? 'null' : typeof input}`);
  const text = input.trim();
  if (text === '') throw new ConfigError('url', `The ${label} is empty`);
  const fail = (what: string): ConfigError => new ConfigError('url', `Invalid ${label} "${maskUrlText(text)}": ${what}`);
  if (QUOTE.test(text)) {
    const inner = text.replace(QUOTES_AROUND, '').trim();
    throw new ConfigError('url', `Invalid ${label}: it is wrapped in quotes (${text[0]}${maskUrlText(inner)}${text.at(-1)}); remove them (a .env file or shell line that keeps its quotes passes them on)`);
  }
  const match = SCHEME.exec(text);
  if (match === null) throw fail(missingScheme(text));
  const rest = match[2]!;
  const queryAt = rest.indexOf('?');
  const beforeQuery = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const slashAt = beforeQuery.indexOf('/');
  const authority = slashAt < 0 ? beforeQuery : beforeQuery.slice(0, slashAt);
  const path = slashAt < 0 ? undefined : beforeQuery.slice(slashAt + 1);
  const queryText = queryAt < 0 ? undefined : rest.slice(queryAt + 1);
  if (authority !== '' && misplacedAt(rest.slice(authority.length), path, queryText)) {
    throw fail(`an "@" comes after the host, so the user info cannot be told apart: ${ENCODE_HINT}; in the database name or a query parameter write "@" as %40`);
  }
  return {
    drivername: match[1]!.toLowerCase(),
    ...readAuthority(authority, fail),
    database: path === undefined || path === '' ? undefined : decode(path, fail, 'the database name', true),
    query: queryText === undefined ? {} : readQuery(queryText, fail),
  };
}

/** What is wrong with text that does not start with `scheme://`. */
function missingScheme(text: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*)(:?)(\/*)/.exec(text);
  if (match !== null) {
    const [, name, colon, slashes] = match as unknown as [string, string, string, string];
    if (colon === '' && slashes.length > 0) return `the ":" after the scheme is missing (write ${name}://…)`;
    if (colon === ':' && slashes.length === 1) return `the scheme must be followed by "//", not "/" (write ${name}://…)`;
    if (colon === ':' && slashes.length === 0 && KNOWN_SCHEME.test(name)) return `the scheme must be followed by "//" (write ${name}://user:password@host/database)`;
  }
  return 'it does not start with a scheme and "://", as in postgresql://user:password@host:5432/database, mysql://…, sqlite:///file.db';
}

/**
 * Whether an "@" after the authority makes the split ambiguous. The user info ends at the
 * authority's last "@"; a password with an unencoded "/" or "?" ends the authority early and
 * pushes its own "@" into the path or query. An "@" is accepted there only inside a query
 * value of a URL that has a database path, with no "/" or "?" after the last "@"
 * (`…/db?application_name=me@laptop`): anything else could be a password in the wrong place.
 */
function misplacedAt(tail: string, path: string | undefined, queryText: string | undefined): boolean {
  if (!tail.includes('@')) return false;
  if (path === undefined || path.includes('@') || queryText === undefined) return true;
  if (/[/?]/.test(tail.slice(tail.lastIndexOf('@') + 1))) return true;
  return queryText.split('&').some((pair) => {
    const eq = pair.indexOf('=');
    return (eq < 0 ? pair : pair.slice(0, eq)).includes('@');
  });
}

type Fail = (what: string) => ConfigError;

function readAuthority(authority: string, fail: Fail): Pick<UrlTextParts, 'username' | 'password' | 'host' | 'port'> {
  const at = authority.lastIndexOf('@');
  // Without user info a password typed without "@host" reads as the port: never echo a bad port then.
  const trusted = at >= 0;
  let username: string | undefined;
  let password: string | undefined;
  if (trusted) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    username = decode(colon < 0 ? userinfo : userinfo.slice(0, colon), fail, 'the user name', false);
    if (colon >= 0) password = decode(userinfo.slice(colon + 1), fail, 'the password', false);
    if (username === '') username = undefined;
  }
  const hostport = authority.slice(at + 1);
  let host: string;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw fail('the IPv6 host has no closing "]" (write [::1]:5432)');
    host = hostport.slice(1, close);
    const after = hostport.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) {
      throw fail(trusted ? `"${after}" after the IPv6 host [${host}] is not ":port"` : `the IPv6 host [${host}] is followed by something other than ":port"`);
    }
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = trusted ? hostport.lastIndexOf(':') : hostport.indexOf(':');
    host = colon < 0 ? hostport : hostport.slice(0, colon);
    portText = colon < 0 ? undefined : hostport.slice(colon + 1);
  }
  const port = readPort(portText, trusted, fail);
  if (!hostport.startsWith('[')) host = decode(host, fail, 'the host', true);
  return { username, password, host: host === '' ? undefined : host, port };
}

function readPort(portText: string | undefined, trusted: boolean, fail: Fail): number | undefined {
  if (portText === undefined) return undefined;
  const port = PORT.test(portText) ? Number(portText) : NaN;
  if (port >= 1 && port <= 65535) return port;
  if (trusted) throw fail(`the port "${portText}" is not a number from 1 to 65535`);
  throw fail(`the port (after the host's ":", not shown) is not a number from 1 to 65535; a password needs "user:password@" before the host, and ${ENCODE_HINT}`);
}

function readQuery(text: string, fail: Fail): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '), fail, 'a query parameter name', true);
    const value = decode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '), fail, `the query parameter ${key}`, true);
    const previous = query[key];
    query[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}

/** Percent-decode one part; a bad escape names the part, and shows it only when `show` (never user info). */
function decode(part: string, fail: Fail, what: string, show: boolean): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw fail(`bad percent-encoding in ${what}${show ? ` "${part}"` : ''}: "%" must be followed by two hex digits (write a literal "%" as %25)`);
  }
}
