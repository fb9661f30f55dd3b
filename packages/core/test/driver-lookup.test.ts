import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, DriverNotFoundError } from '../src/index.js';
import type { ModuleAccess } from '../src/internal/driver-loader.js';
import { driverPackageFor, loadDriverPackage } from '../src/internal/driver-loader.js';
import { FakeDriver } from './fake-driver.js';

function notFound(name: string): Error {
  return Object.assign(new Error(`Cannot find package '${name}' imported from /app/node_modules/@pool/core/dist/engine.js`), { code: 'ERR_MODULE_NOT_FOUND' });
}

/** Modules as an application sees them: `installed` maps a specifier to what importing it gives. */
function modules(installed: Readonly<Record<string, () => Promise<unknown>>>, inApplication: Readonly<Record<string, string>> = {}): ModuleAccess {
  return {
    import: (specifier) => installed[specifier]?.() ?? Promise.reject(notFound(specifier)),
    resolveFromApplication: (name) => inApplication[name],
  };
}

describe('driver lookup by URL scheme', () => {
  it('maps each scheme to its package', () => {
    expect(driverPackageFor('postgresql').packageName).toBe('@pool/pg');
    expect(driverPackageFor('postgres').packageName).toBe('@pool/pg');
    expect(driverPackageFor('mysql').packageName).toBe('@pool/mysql');
    expect(driverPackageFor('mariadb').packageName).toBe('@pool/mysql');
    expect(driverPackageFor('sqlite').packageName).toBe('@pool/sqlite');
    expect(() => driverPackageFor('mssql')).toThrow(ConfigError);
  });

  it('says which packages to install when the driver package is missing', async () => {
    const error = await loadDriverPackage(driverPackageFor('postgresql'), modules({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverNotFoundError);
    expect(error).toMatchObject({ code: 'POOL_DRIVER_NOT_FOUND', packageName: '@pool/pg' });
    expect((error as Error).message).toBe('This URL needs the driver package @pool/pg, which is not installed: npm install @pool/pg pg');
  });

  it('finds a driver package installed only in the application, not beside @pool/core', async () => {
    const driver = new FakeDriver();
    const file = '/app/node_modules/@pool/pg/dist/index.js';
    const found = await loadDriverPackage(driverPackageFor('postgresql'), modules({ [pathToFileURL(file).href]: () => Promise.resolve({ driver }) }, { '@pool/pg': file }));
    expect(found).toBe(driver);
  });

  it('names the database library when the driver package is there but its library is not', async () => {
    const error = await loadDriverPackage(driverPackageFor('mysql'), modules({ '@pool/mysql': () => Promise.reject(notFound('mysql2')) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverNotFoundError);
    expect(error).toMatchObject({ packageName: 'mysql2' });
    expect((error as Error).message).toBe('The driver package @pool/mysql needs mysql2, which is not installed: npm install mysql2');
  });

  it('passes other import failures through', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(loadDriverPackage(driverPackageFor('sqlite'), modules({ '@pool/sqlite': () => Promise.reject(broken) }))).rejects.toBe(broken);
  });

  it('takes the driver from the package\'s `driver` export', async () => {
    const driver = new FakeDriver();
    await expect(loadDriverPackage(driverPackageFor('sqlite'), modules({ '@pool/sqlite': () => Promise.resolve({ driver }) }))).resolves.toBe(driver);
    await expect(loadDriverPackage(driverPackageFor('sqlite'), modules({ '@pool/sqlite': () => Promise.resolve({}) }))).rejects.toBeInstanceOf(DriverNotFoundError);
  });
});
