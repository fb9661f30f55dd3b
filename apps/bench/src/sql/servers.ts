/** The loopback servers, as the test kit finds them: `PG_URL` / `MYSQL_URL`, else the defaults. */
export const PG_URL = fromEnv('PG_URL') ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = fromEnv('MYSQL_URL') ?? 'mysql://root@127.0.0.1:3306/test';

function fromEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}
