#!/usr/bin/env node
// `pnpm demo [--json] [--out DIR]` lands here: with no root script named "demo", pnpm runs this
// bin (linked by the root's devDependency on @pool/demo) and prints no "> script" header, so
// `pnpm demo --json` writes nothing but JSON to stdout. Builds the demo first (`tsc -b` is
// incremental, and builds core and the drivers it references), with tsc's output on stderr.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const project = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(process.execPath, [tsc, '-b', project], { stdio: ['ignore', process.stderr, process.stderr] });
if (build.status !== 0) {
  process.stderr.write(`demo: the build failed (tsc -b ${project})\n`);
  process.exit(build.status ?? 1);
}
const main = new URL('../dist/main.js', import.meta.url);
// As if run as `node apps/demo/dist/main.js`: @pool/core looks for the driver packages from the
// main module, and this folder's node_modules holds them.
process.argv[1] = fileURLToPath(main);
await import(main.href);
