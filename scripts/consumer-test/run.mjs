#!/usr/bin/env node
// The consumer test: the packages as a new user gets them. Packs every workspace package that is
// not private, installs the tarballs with plain npm into a project outside the workspace (with pg,
// mysql2 and better-sqlite3 from the registry), type-checks every README example with tsc --strict
// under NodeNext and under Bundler resolution, runs each against PostgreSQL, MariaDB and SQLite,
// and checks the errors a user sees. Fails on the first broken step and on any failing example.
// See ./README.md for how examples are marked. Flags: --keep (leave the scratch directory).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { DATABASES, expectedOutput, fencedBlocks, forDatabase, readExamples } from './examples.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const started = performance.now();
const keep = process.argv.includes('--keep');
const failures = [];
const seconds = (from) => ((performance.now() - from) / 1000).toFixed(1);
const step = (what) => console.log(`\n--- ${what} (+${seconds(started)} s)`);

// What the application installs beside the tarballs: every peer dependency the packages declare
// (pg, mysql2, better-sqlite3, optional ones such as @types/pg too), in the ranges they declare, so
// a range that admits a version Node 20 cannot run fails here; and the TypeScript the issue was
// found with.
const TOOLS = ['typescript@~5.9.3', '@types/node@^20.19.0'];
const EXAMPLE_TIMEOUT_MS = Number(process.env.POOL_CONSUMER_EXAMPLE_TIMEOUT ?? 60) * 1000;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  // A timeout is an outcome (result.signal says so); anything else means the command never ran.
  if (result.error && result.error.code !== 'ETIMEDOUT') throw result.error;
  return result;
}

function must(command, args, options = {}) {
  const result = run(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Workspace packages (pnpm-workspace.yaml's `dir/*` globs) whose package.json is not private. */
function publishablePackages() {
  const globs = [...readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8').matchAll(/^\s*-\s*['"]?([\w./-]+)\/\*['"]?\s*$/gm)].map((m) => m[1]);
  const found = [];
  for (const glob of globs) {
    for (const name of readdirSync(join(root, glob)).sort()) {
      const dir = join(root, glob, name);
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.private !== true) found.push({ dir, name: pkg.name });
    }
  }
  return found;
}

/** The scratch directory must have no package.json or node_modules above it, or resolution could leak in. */
function scratchDirectory() {
  const base = mkdtempSync(join(process.env.POOL_CONSUMER_TMP ?? tmpdir(), 'pool-consumer-'));
  if (!relative(root, base).startsWith('..')) throw new Error(`the scratch directory ${base} is inside the workspace`);
  for (let dir = dirname(base); dir !== dirname(dir); dir = dirname(dir)) {
    for (const entry of ['package.json', 'node_modules']) {
      if (existsSync(join(dir, entry))) throw new Error(`${join(dir, entry)} would leak into the consumer project: set POOL_CONSUMER_TMP`);
    }
  }
  return base;
}

/** Pack one package with pnpm (which rewrites workspace: versions) and check what a registry would get. */
function pack(pkg, into) {
  const output = must('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', into], { cwd: pkg.dir });
  const tarball = output.trim().split('\n').map((line) => line.trim()).find((line) => line.endsWith('.tgz'));
  if (tarball === undefined || !existsSync(tarball)) throw new Error(`pnpm pack of ${pkg.name} named no tarball:\n${output}`);
  const files = must('tar', ['-tzf', tarball]).split('\n');
  const manifest = JSON.parse(must('tar', ['-xzOf', tarball, 'package/package.json']));
  const problems = [];
  for (const file of ['package/LICENSE', 'package/README.md', 'package/package.json']) if (!files.includes(file)) problems.push(`no ${file.slice(8)}`);
  for (const field of ['license', 'repository', 'homepage', 'bugs', 'types', 'exports']) if (manifest[field] === undefined) problems.push(`no "${field}"`);
  if (manifest.publishConfig?.access !== 'public') problems.push('publishConfig.access is not "public"');
  if (JSON.stringify(manifest).includes('workspace:')) problems.push('a workspace: version is left');
  if (problems.length > 0) throw new Error(`${pkg.name}'s tarball: ${problems.join('; ')}`);
  const readme = must('tar', ['-xzOf', tarball, 'package/README.md']);
  return { ...pkg, tarball, version: manifest.version, peers: manifest.peerDependencies ?? {}, readme };
}

/** The package name of an npm spec: `kysely@^0.28` → `kysely`, `@types/pg` → `@types/pg`. */
function specName(spec) {
  const at = spec.indexOf('@', 1);
  return at < 0 ? spec : spec.slice(0, at);
}

/**
 * What the examples need besides the packages and their peers (their `deps=`), as npm specs. A
 * peer keeps its declared range; two examples asking for different versions of one package fail.
 */
function exampleDeps(examples, peers) {
  const have = new Set(peers.map(specName));
  const wanted = new Map();
  for (const example of examples) {
    for (const spec of example.deps) {
      const name = specName(spec);
      if (have.has(name)) continue;
      if (wanted.has(name) && wanted.get(name) !== spec) throw new Error(`${example.where} wants ${spec}, another example ${wanted.get(name)}`);
      wanted.set(name, spec);
    }
  }
  return [...wanted.values()];
}

/** `name@range` for each peer dependency of the packed packages (their own @pool/* aside). */
function peerSpecs(packed, { types }) {
  const ranges = new Map();
  for (const pkg of packed) {
    for (const [name, range] of Object.entries(pkg.peers)) {
      if (name.startsWith('@pool/') || (!types && name.startsWith('@types/'))) continue;
      if (ranges.has(name) && ranges.get(name) !== range) throw new Error(`the packages disagree on the peer range of ${name}: ${ranges.get(name)} and ${range}`);
      ranges.set(name, range);
    }
  }
  return [...ranges].map(([name, range]) => `${name}@${range}`);
}

/**
 * npm install into a fresh project. Install scripts are off; better-sqlite3's native module is
 * then built (or copied from a cache keyed by its version and Node's ABI: building takes minutes
 * on a machine without its prebuilt binaries).
 */
function installProject(dir, specs, { nativeSqlite }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pool-consumer', private: true, type: 'module' }, null, 2));
  must('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...specs], { cwd: dir });
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path.includes('node_modules/@pool/') && !String(entry.resolved).startsWith('file:')) {
      throw new Error(`${path} came from ${entry.resolved}, not from the packed tarballs`);
    }
  }
  if (nativeSqlite && existsSync(join(dir, 'node_modules', 'better-sqlite3'))) buildBetterSqlite3(dir);
}

function buildBetterSqlite3(dir) {
  const moduleDir = join(dir, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8'));
  const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pool-consumer-test');
  const cached = join(cacheDir, `better-sqlite3-${version}-${process.platform}-${process.arch}-abi${process.versions.modules}.node`);
  if (existsSync(cached)) {
    mkdirSync(dirname(binary), { recursive: true });
    copyFileSync(cached, binary);
    console.log(`better-sqlite3 ${version}: native module from ${cached}`);
  } else {
    const from = performance.now();
    must('npm', ['rebuild', 'better-sqlite3', '--loglevel=error'], { cwd: dir });
    mkdirSync(cacheDir, { recursive: true });
    copyFileSync(binary, cached);
    console.log(`better-sqlite3 ${version}: built in ${seconds(from)} s, cached as ${cached}`);
  }
  must(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: dir });
}

function installedVersions(dir, specs) {
  return specs.map((spec) => {
    const name = specName(spec);
    return `${name} ${JSON.parse(readFileSync(join(dir, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version}`;
  }).join(', ');
}

/** A scratch database on each server, dropped at the end. */
async function createDatabases(app) {
  const require = createRequire(join(app, 'package.json'));
  const name = `pool_consumer_${process.pid}_${Date.now().toString(36)}`;
  const pgBase = new URL(process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test');
  const mysqlBase = new URL(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const pg = new (require('pg').Client)({ connectionString: pgBase.href, connectionTimeoutMillis: 10_000 });
  await pg.connect();
  await pg.query(`CREATE DATABASE ${name}`);
  await pg.end();
  const mysql = await require('mysql2/promise').createConnection({ uri: mysqlBase.href, connectTimeout: 10_000 });
  await mysql.query(`CREATE DATABASE ${name}`);
  await mysql.end();
  const server = (base) => ({ authority: base.href.slice(base.protocol.length + 2).split('/')[0], database: name });
  const servers = { postgres: server(pgBase), mysql: server(mysqlBase) };
  const drop = async () => {
    const admin = new (require('pg').Client)({ connectionString: pgBase.href });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    const my = await require('mysql2/promise').createConnection({ uri: mysqlBase.href });
    await my.query(`DROP DATABASE IF EXISTS ${name}`);
    await my.end();
  };
  return { servers, drop, urls: { postgres: `postgresql://${servers.postgres.authority}/${name}`, mysql: `mysql://${servers.mysql.authority}/${name}` } };
}

/** `@pool/core/README.md` line 7 → `pool-core-README-L7`. */
function exampleFileName(example) {
  return `${example.source.replace(/[@/.]+/g, '-').replace(/^-|-md$/g, '')}-L${example.line}`;
}

/** The READMEs whose examples run: the root README and each packed package's own, as shipped. */
function readmes(packed) {
  const files = [{ label: 'README.md', text: readFileSync(join(root, 'README.md'), 'utf8') }];
  for (const pkg of packed) files.push({ label: `${pkg.name}/README.md`, text: pkg.readme });
  return files;
}

/**
 * tsc --strict with the README's tsconfig over the examples and checks: NodeNext (which emits what
 * runs) and Bundler. Then the checks alone with skipLibCheck off, so the packages' own declaration
 * files are compiled too (the examples' libraries, such as drizzle-orm, are not ours to check).
 */
function typecheck(app, tsconfig) {
  const base = { ...tsconfig.compilerOptions, noEmitOnError: false, rootDir: '.' };
  const bundler = { module: 'ESNext', moduleResolution: 'Bundler', noEmit: true };
  const configs = {
    'tsconfig.nodenext.json': { compilerOptions: { ...base, outDir: 'dist' }, include: ['examples', 'checks'] },
    'tsconfig.bundler.json': { compilerOptions: { ...base, ...bundler }, include: ['examples', 'checks'] },
    'tsconfig.declarations-nodenext.json': { compilerOptions: { ...base, skipLibCheck: false, noEmit: true }, include: ['checks'] },
    'tsconfig.declarations-bundler.json': { compilerOptions: { ...base, ...bundler, skipLibCheck: false }, include: ['checks'] },
  };
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [name, config] of Object.entries(configs)) {
    writeFileSync(join(app, name), JSON.stringify(config, null, 2));
    const from = performance.now();
    const result = run(process.execPath, [tsc, '-p', name, '--pretty', 'false'], { cwd: app });
    if (result.status === 0) console.log(`tsc --strict -p ${name}: ok (${seconds(from)} s)`);
    else failures.push(`tsc -p ${name}:\n${result.stdout}${result.stderr}`);
  }
}

function runExample(app, job, env) {
  const cwd = join(app, 'runs', job.file.replace(/\.\w+$/, ''));
  mkdirSync(cwd, { recursive: true });
  const script = job.kind === 'ts' ? join(app, 'dist', 'examples', job.file.replace(/\.ts$/, '.js')) : join(app, 'examples-js', job.file);
  const from = performance.now();
  const result = run(process.execPath, [script], { cwd, env, timeout: EXAMPLE_TIMEOUT_MS });
  const problems = [];
  if (result.signal !== null) problems.push(`did not exit within ${EXAMPLE_TIMEOUT_MS / 1000} s (killed by ${result.signal})`);
  else if (result.status !== 0) problems.push(`exit ${result.status}`);
  for (const line of expectedOutput(job.code)) if (!result.stdout.includes(line)) problems.push(`did not print "${line}"`);
  const line = `${job.database.padEnd(8)} ${job.where.padEnd(34)} ${job.kind.padEnd(3)} ${seconds(from).padStart(5)} s`;
  if (problems.length === 0) {
    console.log(`  ok    ${line}`);
    return;
  }
  console.log(`  FAIL  ${line}: ${problems.join('; ')}`);
  failures.push(`${job.where} on ${job.database}: ${problems.join('; ')}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`);
}

async function main() {
  const base = scratchDirectory();
  const app = join(base, 'app');
  let databases;
  try {
    step('build the workspace');
    must('npx', ['-y', 'pnpm@10', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });

    step('pack every package that is not private');
    const tarballs = join(base, 'tarballs');
    mkdirSync(tarballs);
    const packed = publishablePackages().map((pkg) => pack(pkg, tarballs));
    for (const pkg of packed) console.log(`${pkg.name}@${pkg.version}: ${relative(base, pkg.tarball)}`);

    step('README examples');
    const tsconfigBlock = fencedBlocks(readFileSync(join(root, 'README.md'), 'utf8'), 'README.md').find((block) => block.lang === 'json' && block.attrs.tsconfig === true);
    if (tsconfigBlock === undefined) throw new Error('README.md has no ```json tsconfig block: the consumer test compiles with it');
    const examples = readmes(packed).flatMap((readme) => readExamples(readme.text, readme.label));
    for (const example of examples) if (example.fragment) console.log(`  fragment (not run)  ${example.where}`);

    step(`npm install into ${app}`);
    const peers = peerSpecs(packed, { types: true });
    const deps = exampleDeps(examples, peers);
    console.log(`with ${[...peers, ...deps, ...TOOLS].join(', ')}`);
    installProject(app, [...packed.map((pkg) => pkg.tarball), ...peers, ...deps, ...TOOLS], { nativeSqlite: true });
    console.log(`installed: ${installedVersions(app, [...peers, ...deps])}`);

    step('write the examples, one file per database');
    databases = await createDatabases(app);
    const jobs = [];
    const fragments = examples.filter((example) => example.fragment).length;
    for (const example of examples.filter((one) => !one.fragment)) {
      for (const database of example.databases) {
        const file = `${exampleFileName(example)}-${database}.${example.kind === 'ts' ? 'ts' : example.kind === 'cjs' ? 'cjs' : 'mjs'}`;
        const dir = join(app, example.kind === 'ts' ? 'examples' : 'examples-js');
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, file), forDatabase(example.code, database, databases.servers[database] ?? {}));
        jobs.push({ ...example, database, file });
      }
    }
    const missing = DATABASES.filter((db) => !jobs.some((job) => job.database === db));
    if (missing.length > 0) failures.push(`no README example runs against ${missing.join(', ')}`);
    console.log(`${jobs.length} runs of ${new Set(jobs.map((job) => job.where)).size} examples, ${fragments} fragments`);

    step('type-check: tsc --strict, NodeNext and Bundler; the packages\' declarations with skipLibCheck off');
    mkdirSync(join(app, 'checks'));
    for (const file of readdirSync(join(here, 'checks'))) copyFileSync(join(here, 'checks', file), join(app, 'checks', file));
    typecheck(app, JSON.parse(tsconfigBlock.code));

    step('run the examples');
    // DATABASE_URL for examples that read it; SQLite files land in each run's own directory.
    const envFor = (database) => ({ ...process.env, DATABASE_URL: database === 'sqlite' ? 'sqlite:///example.db' : databases.urls[database] });
    for (const job of jobs) runExample(app, job, envFor(job.database));

    step('the errors a user sees');
    const checkDir = join(app, 'runs', 'shipped-errors');
    mkdirSync(checkDir, { recursive: true });
    const checked = run(process.execPath, [join(app, 'dist', 'checks', 'shipped-errors.js')], {
      cwd: checkDir,
      env: { ...process.env, PG_TEST_URL: databases.urls.postgres, MYSQL_TEST_URL: databases.urls.mysql },
      timeout: 120_000,
    });
    process.stdout.write(checked.stdout);
    if (checked.status !== 0) failures.push(`checks/shipped-errors.ts failed:\n${checked.stdout}${checked.stderr}`);

    step('CommonJS: require() of each package');
    const major = Number(process.versions.node.split('.')[0]);
    const minor = Number(process.versions.node.split('.')[1]);
    const requireEsm = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
    for (const pkg of packed) {
      const loaded = run(process.execPath, ['-e', `require(${JSON.stringify(pkg.name)})`], { cwd: app });
      const expected = requireEsm ? loaded.status === 0 : /ERR_REQUIRE_ESM/.test(loaded.stderr);
      console.log(`  ${expected ? 'ok  ' : 'FAIL'}  require('${pkg.name}') on Node ${process.versions.node}: ${loaded.status === 0 ? 'loads' : 'throws'}, as the README says`);
      if (!expected) failures.push(`require('${pkg.name}') on Node ${process.versions.node}:\n${loaded.stderr}`);
    }

    step('without @types/pg and @types/better-sqlite3: conn.raw is the structural type');
    const fallback = join(base, 'fallback');
    installProject(fallback, [...packed.map((pkg) => pkg.tarball), ...peerSpecs(packed, { types: false }), ...TOOLS], { nativeSqlite: false });
    mkdirSync(join(fallback, 'checks'));
    copyFileSync(join(here, 'fallback', 'structural-types.ts'), join(fallback, 'checks', 'structural-types.ts'));
    writeFileSync(join(fallback, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...JSON.parse(tsconfigBlock.code).compilerOptions, skipLibCheck: false, noEmit: true }, include: ['checks'] }, null, 2));
    const fallbackTsc = run(process.execPath, [join(fallback, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: fallback });
    if (fallbackTsc.status === 0) console.log('tsc --strict: ok');
    else failures.push(`fallback types:\n${fallbackTsc.stdout}${fallbackTsc.stderr}`);
  } finally {
    await databases?.drop().catch((error) => failures.push(`dropping the scratch databases: ${error.message}`));
    if (keep) console.log(`\nkept ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
  console.log(`\nconsumer test: ${failures.length === 0 ? 'passed' : `${failures.length} failure(s)`} in ${seconds(started)} s`);
  if (failures.length > 0) {
    for (const failure of failures) console.error(`\n✗ ${failure}`);
    process.exitCode = 1;
  }
}

await main().catch((error) => {
  console.error(`\nconsumer test: ${error.stack ?? error}`);
  process.exitCode = 1;
});
