import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/** A workspace package's `exports`, as far as the aliases need it. */
interface Manifest {
  readonly name: string;
  readonly exports?: Record<string, { readonly default?: string } | string>;
}

/**
 * Resolve every workspace package to its TypeScript source, so tests need no build step
 * (what tRPC does). Found by listing packages/*, so a new package needs no edit here. Subpath
 * exports (`@pool/sqlite/kysely`) map `./dist/x.js` to `src/x.ts`; each alias matches its
 * specifier exactly, so `@pool/sqlite` does not swallow `@pool/sqlite/kysely`.
 */
export function workspaceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifestPath = join(root, 'packages', dir, 'package.json');
    const entry = join(root, 'packages', dir, 'src', 'index.ts');
    if (!existsSync(manifestPath) || !existsSync(entry)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    aliases.push({ find: exactly(manifest.name), replacement: entry });
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const built = typeof target === 'string' ? target : target.default;
      if (subpath === '.' || built === undefined) continue;
      const source = join(root, 'packages', dir, built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
      if (existsSync(source)) aliases.push({ find: exactly(`${manifest.name}/${subpath.replace(/^\.\//, '')}`), replacement: source });
    }
  }
  return aliases;
}

function exactly(specifier: string): RegExp {
  return new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
}
