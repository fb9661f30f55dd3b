import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Resolve every workspace package to its TypeScript source, so tests need no build step
 * (what tRPC does). Found by listing packages/*, so a new package needs no edit here.
 */
export function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json');
    const entry = join(root, 'packages', dir, 'src', 'index.ts');
    if (!existsSync(manifest) || !existsSync(entry)) continue;
    const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
    aliases[name] = entry;
  }
  return aliases;
}
