import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Driver } from '../driver.js';
import { ConfigError, DriverNotFoundError } from '../errors.js';

export interface DriverPackage {
  readonly packageName: string;
  /** The database library the driver package needs beside it. */
  readonly library: string;
}

const PG: DriverPackage = { packageName: '@pool/pg', library: 'pg' };
const MYSQL: DriverPackage = { packageName: '@pool/mysql', library: 'mysql2' };
const SQLITE: DriverPackage = { packageName: '@pool/sqlite', library: 'better-sqlite3' };

const BY_SCHEME: Readonly<Record<string, DriverPackage>> = {
  postgres: PG,
  postgresql: PG,
  mysql: MYSQL,
  mariadb: MYSQL,
  sqlite: SQLITE,
};

/** The driver package for a URL backend (`postgresql`, `mysql`, …), or a ConfigError naming the scheme. */
export function driverPackageFor(backend: string): DriverPackage {
  const found = BY_SCHEME[backend];
  if (found === undefined) {
    throw new ConfigError('url', `Unknown database URL scheme "${backend}": use one of ${Object.keys(BY_SCHEME).join(', ')}, or pass a Driver as the driver option`);
  }
  return found;
}

/** How a driver package is found; tests replace both halves. */
export interface ModuleAccess {
  /** `import()` of a bare specifier or a file URL. */
  import(specifier: string): Promise<unknown>;
  /** The file a package resolves to from the application, or undefined when it is not there. */
  resolveFromApplication(packageName: string): string | undefined;
}

const NODE_MODULES: ModuleAccess = {
  import: (specifier) => import(specifier),
  resolveFromApplication(packageName) {
    // The application's working directory and main module: where the driver package lives when
    // the package manager does not hoist it beside @pool/core.
    const bases = [join(process.cwd(), 'noop.js'), process.argv[1]].filter((base): base is string => base !== undefined);
    for (const base of bases) {
      try {
        return createRequire(base).resolve(packageName);
      } catch {
        // not installed from this base; try the next
      }
    }
    return undefined;
  },
};

/**
 * Import a driver package by name. It is an optional peer of @pool/core, so it is looked up
 * from here first, then from the application.
 */
export async function loadDriverPackage(pkg: DriverPackage, modules: ModuleAccess = NODE_MODULES): Promise<Driver> {
  let module: Record<string, unknown>;
  try {
    module = (await modules.import(pkg.packageName)) as Record<string, unknown>;
  } catch (error) {
    if (!isMissing(error, pkg.packageName)) throw wrapMissingLibrary(error, pkg);
    module = await importFromApplication(pkg, modules);
  }
  const driver = module.driver as Driver | undefined;
  if (driver === undefined || typeof driver.connect !== 'function') {
    throw new DriverNotFoundError(pkg.packageName, `The package ${pkg.packageName} does not export a driver: reinstall it (npm install ${pkg.packageName} ${pkg.library})`);
  }
  return driver;
}

async function importFromApplication(pkg: DriverPackage, modules: ModuleAccess): Promise<Record<string, unknown>> {
  const resolved = modules.resolveFromApplication(pkg.packageName);
  if (resolved === undefined) {
    throw new DriverNotFoundError(
      pkg.packageName,
      `This URL needs the driver package ${pkg.packageName}, which is not installed: npm install ${pkg.packageName} ${pkg.library}`,
    );
  }
  try {
    return (await modules.import(pathToFileURL(resolved).href)) as Record<string, unknown>;
  } catch (error) {
    throw wrapMissingLibrary(error, pkg);
  }
}

/** The driver package is there but its database library is not: say which one to install. */
function wrapMissingLibrary(error: unknown, pkg: DriverPackage): unknown {
  if (!isMissing(error, pkg.library)) return error;
  return new DriverNotFoundError(pkg.library, `The driver package ${pkg.packageName} needs ${pkg.library}, which is not installed: npm install ${pkg.library}`, { cause: error });
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return false;
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find|Failed to (load|resolve)/i.test(message);
  return missing && (message.includes(`'${name}'`) || message.includes(`"${name}"`));
}
