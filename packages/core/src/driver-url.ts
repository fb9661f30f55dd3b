import { ConfigError } from './errors.js';
import { parseUrlText } from './internal/url-parser.js';
import { DatabaseUrl } from './url.js';

/** The URL of a new engine: the one given, else the `DATABASE_URL` environment variable. */
export function engineUrl(url: string | DatabaseUrl | undefined): DatabaseUrl {
  if (url instanceof DatabaseUrl) return url;
  if (url === undefined) {
    const fromEnv = process.env.DATABASE_URL;
    if (fromEnv === undefined || fromEnv.trim() === '') {
      throw new ConfigError('url', 'No database URL: pass one to createEngine() or set DATABASE_URL');
    }
    return new DatabaseUrl(parseUrlText(fromEnv, 'DATABASE_URL'));
  }
  if (typeof url !== 'string') throw new ConfigError('url', `The database URL must be a string or a DatabaseUrl, got ${url === null ? 'null' : typeof url}`);
  return DatabaseUrl.parse(url);
}

/** Which URLs a driver package's `createEngine` takes. */
export interface DriverUrlRule {
  /** The package, for the message: `@pool/pg`. */
  readonly packageName: string;
  /** The URL backends it serves (the scheme without `+suffix`): `['postgres', 'postgresql']`. */
  readonly schemes: readonly string[];
}

/**
 * For a driver package's `createEngine`: the URL (else `DATABASE_URL`), parsed, with its scheme
 * checked before anything is built, so a wrong URL costs no pool and no socket. A scheme the
 * package does not serve is a ConfigError pointing at `@pool/core`'s `createEngine`.
 */
export function urlForDriver(url: string | DatabaseUrl | undefined, rule: DriverUrlRule): DatabaseUrl {
  const parsed = engineUrl(url);
  if (!rule.schemes.includes(parsed.backend)) {
    const wanted = rule.schemes.map((scheme) => `${scheme}://`).join(' or ');
    throw new ConfigError('url', `${rule.packageName} needs a ${wanted} URL, got ${parsed.render()} (createEngine from @pool/core picks the driver by the scheme)`);
  }
  return parsed;
}
