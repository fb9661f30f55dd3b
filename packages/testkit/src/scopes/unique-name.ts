import { randomBytes } from 'node:crypto';

/** A name no other test uses: `pool_it_<12 hex>` (valid as an identifier and an application_name). */
export function uniqueName(prefix = 'pool_it'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
