import type { Driver } from '../driver.js';
import { ConnectError, PoolError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import type { DatabaseUrl } from '../url.js';
import { withDeadline } from './deadline.js';
import { describeError } from './describe-error.js';
import { redact, scrubError } from './redact.js';

/** What the opener needs: the URL for the driver, the options, and how to get the driver. */
export interface OpenerInit<Raw> {
  /** The URL with pool options removed from its query: what the driver sees. */
  readonly url: DatabaseUrl;
  readonly options: ResolvedOptions<Raw>;
  readonly loadDriver: () => Promise<Driver<Raw>>;
}

/**
 * Talks to the driver for the pool: loads it once, opens connections within connectTimeout
 * (wrapping failures in a ConnectError with no password anywhere), pings within the same
 * limit, and closes without ever rejecting.
 */
export class Opener<Raw> {
  readonly #init: OpenerInit<Raw>;
  #driver: Driver<Raw> | undefined;
  #loading: Promise<Driver<Raw>> | undefined;

  constructor(init: OpenerInit<Raw>) {
    this.#init = init;
    this.#driver = init.options.driver;
  }

  /** The driver if it is loaded (a failed load leaves it undefined). */
  get loaded(): Driver<Raw> | undefined {
    return this.#driver;
  }

  /** The driver; only called once a connection exists, so it is loaded. */
  get driver(): Driver<Raw> {
    if (this.#driver === undefined) throw new Error('@pool: driver used before it was loaded');
    return this.#driver;
  }

  /** Open one connection, or reject with ConnectError (or DriverNotFoundError). */
  async open(): Promise<Raw> {
    const driver = this.#driver ?? (await this.#load());
    const { options, url } = this.#init;
    const limitMs = options.connectTimeout * 1000;
    const controller = new AbortController();
    const attempt = driver.connect(url, { connectTimeout: options.connectTimeout, tcpKeepAlive: options.tcpKeepAlive, connectArgs: options.connectArgs, signal: controller.signal });
    if (limitMs <= 0) return attempt.catch((error: unknown) => this.#fail(error));
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        const error = new Error(`connect timed out after ${options.connectTimeout} s (connectTimeout)`);
        controller.abort(error);
        reject(error);
      }, limitMs);
      timer.unref();
    });
    // A connection that arrives after we gave up must not be left open.
    attempt.then((raw) => (timedOut ? this.close(raw) : undefined), () => undefined);
    try {
      return await Promise.race([attempt, deadline]);
    } catch (error) {
      return this.#fail(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ping within connectTimeout: a server that stopped answering must not hang a checkout. */
  ping(raw: Raw): Promise<void> {
    const { connectTimeout } = this.#init.options;
    return withDeadline(this.driver.ping(raw), connectTimeout * 1000, () => new Error(`ping got no answer within ${connectTimeout} s`));
  }

  /** Close, logging instead of rejecting: a close that fails has nothing left to free. */
  close(raw: Raw): Promise<void> {
    let closing: Promise<void>;
    try {
      closing = this.driver.close(raw);
    } catch (error) {
      closing = Promise.reject(error);
    }
    return closing.then(undefined, (error: unknown) => {
      const { logger, name } = this.#init.options;
      logger.debug({ pool: name, err: error }, 'closing a connection failed');
    });
  }

  #load(): Promise<Driver<Raw>> {
    this.#loading ??= this.#init.loadDriver().then(
      (driver) => (this.#driver = driver),
      (error: unknown) => {
        // Let a later connect() try again (the package may have been installed meanwhile).
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  #fail(error: unknown): never {
    if (error instanceof PoolError) throw error;
    const { url } = this.#init;
    scrubError(error, url.password);
    throw new ConnectError(`Could not connect to ${url.render()}: ${redact(describeError(error), url.password)}`, { cause: error });
  }
}
