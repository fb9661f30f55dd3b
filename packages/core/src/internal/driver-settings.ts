import type { Driver } from '../driver.js';
import { ConfigError } from '../errors.js';
import type { DatabaseUrl } from '../url.js';
import { describeError } from './describe-error.js';
import { redact, scrubError } from './redact.js';

/**
 * Ask the driver to check its settings (the URL's driver parameters and `connectArgs`) before
 * any connection is opened. A bad setting is a ConfigError: the pool never retries it, where a
 * failed connect would be retried by `retry()` and the minSize refill.
 */
export function validateDriverSettings<Raw>(driver: Driver<Raw>, url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>): void {
  if (typeof driver.validate !== 'function') return;
  try {
    driver.validate(url, connectArgs);
  } catch (error) {
    scrubError(error, url.password);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('url', `Invalid ${driver.name} setting for ${url.render()}: ${redact(describeError(error), url.password)}`, { cause: error });
  }
}
