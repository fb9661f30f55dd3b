import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The version of a package installed for these tests (an npm alias gives the real package's version). */
export function packageVersion(name: string): string {
  const manifest = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
