// Reading README examples: which fenced blocks are examples, which database each needs, and the
// example rewritten for one database. The conventions are documented in ./README.md.

/** Info-string languages that are examples, by the kind of file they become. */
const LANGUAGES = new Map([
  ['ts', 'ts'], ['typescript', 'ts'], ['tsx', 'ts'],
  ['js', 'js'], ['javascript', 'js'], ['mjs', 'js'], ['cjs', 'cjs'],
]);

/** The databases an example can run against, and the URL schemes that name each. */
export const DATABASES = ['postgres', 'mysql', 'sqlite'];
const FAMILY = { postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite' };
// A URL in a string literal: quote, scheme (with an optional SQLAlchemy "+driver"), "://".
const URL_LITERAL = /(['"`])((postgres|postgresql|mysql|mariadb|sqlite)(\+[\w.-]+)?:\/\/[^'"`\s]*)\1/g;

/**
 * Every fenced block of a markdown file, with its info string split into the language and
 * attributes: ```ts db=postgres  →  { lang: 'ts', attrs: { db: 'postgres' } }.
 */
export function fencedBlocks(markdown, source) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const [, fence, info] = open;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    const [lang = '', ...words] = info.trim().split(/\s+/);
    const attrs = Object.fromEntries(words.map((word) => (word.includes('=') ? word.split(/=(.*)/s).slice(0, 2) : [word, true])));
    blocks.push({ source, line: start, lang: lang.toLowerCase(), attrs, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/**
 * The examples of a markdown file: ts/js blocks, each with the databases it runs against and the
 * packages it needs besides the packed ones and their peers (`deps=kysely@^0.28,drizzle-orm`).
 * A block marked `fragment` is listed but neither compiled nor run. Throws when a runnable
 * block names no database and none can be read from its URLs: say `db=…` or `fragment`.
 */
export function readExamples(markdown, source) {
  const examples = [];
  for (const block of fencedBlocks(markdown, source)) {
    const kind = LANGUAGES.get(block.lang);
    if (kind === undefined) continue;
    const where = `${source}:${block.line}`;
    if (block.attrs.fragment === true) {
      examples.push({ ...block, kind, where, fragment: true, databases: [], deps: [] });
      continue;
    }
    const unknown = Object.keys(block.attrs).filter((key) => key !== 'db' && key !== 'deps');
    if (unknown.length > 0) throw new Error(`${where}: unknown example attribute ${unknown.join(', ')} (use db=…, deps=… or fragment)`);
    const deps = typeof block.attrs.deps === 'string' ? block.attrs.deps.split(',').filter(Boolean) : [];
    const databases = typeof block.attrs.db === 'string' ? block.attrs.db.split(',') : inferDatabases(block.code);
    const wrong = databases.filter((db) => !DATABASES.includes(db));
    if (wrong.length > 0) throw new Error(`${where}: db=${wrong.join(',')} is not one of ${DATABASES.join(', ')}`);
    if (databases.length === 0) {
      throw new Error(`${where}: this example names no database URL; mark it \`${block.lang} db=postgres\` (or mysql, sqlite, a list) or \`${block.lang} fragment\``);
    }
    examples.push({ ...block, kind, where, fragment: false, databases, deps });
  }
  return examples;
}

/** The databases an example's URL literals name. */
export function inferDatabases(code) {
  const found = new Set();
  for (const match of code.matchAll(URL_LITERAL)) found.add(FAMILY[match[3]]);
  return DATABASES.filter((db) => found.has(db));
}

/**
 * The example's code for one database: every URL literal of that database's family points at
 * the test server and database, keeping the example's scheme and query string; SQLite URLs stay
 * as written (each run has a fresh working directory).
 */
export function forDatabase(code, database, server) {
  if (database === 'sqlite') return code;
  return code.replace(URL_LITERAL, (literal, quote, url, scheme) => {
    if (FAMILY[scheme] !== database) return literal;
    const rest = url.slice(url.indexOf('://') + 3);
    const queryAt = rest.indexOf('?');
    const query = queryAt < 0 ? '' : rest.slice(queryAt);
    return `${quote}${url.slice(0, url.indexOf('://'))}://${server.authority}/${server.database}${query}${quote}`;
  });
}

/** What the example says it prints: `// prints: text` comments, in order. */
export function expectedOutput(code) {
  return [...code.matchAll(/\/\/ prints: (.*)$/gm)].map((match) => match[1].trim());
}
