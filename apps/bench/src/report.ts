/** A table as printed and as kept in the JSON output. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A target from the tracker: the measured ratio, the bar, and whether it was reached. */
export interface Target {
  readonly label: string;
  readonly value: number;
  readonly atLeast: number;
  readonly met: boolean;
}

/** What one comparison produced: tables to print, notes, and its numbers for machines. */
export interface SuiteResult<Data = unknown> {
  readonly name: string;
  readonly title: string;
  readonly tables: readonly Table[];
  readonly notes: readonly string[];
  /** Set when the comparison could not run here (a server missing); tables are then empty. */
  readonly skipped?: string;
  readonly targets?: readonly Target[];
  readonly data: Data;
}

/** A target as one line: `checkout, 1 worker: 2.31× (target ≥ 3×) MISSED`. */
export function renderTarget(target: Target): string {
  return `${target.label}: ${times(target.value)} (target ≥ ${target.atLeast}×) ${target.met ? 'met' : 'MISSED'}`;
}

/** A table in GitHub markdown, columns padded so it also reads well in a terminal. */
export function renderTable(table: Table): string {
  const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [`**${table.title}**`, '', line(table.columns), rule, ...table.rows.map(line)].join('\n');
}

export function renderResult(result: SuiteResult): string {
  const parts = [`## ${result.title}`, ''];
  if (result.skipped !== undefined) parts.push(`Skipped: ${result.skipped}`, '');
  for (const table of result.tables) parts.push(renderTable(table), '');
  for (const note of result.notes) parts.push(`- ${note}`);
  return parts.join('\n').trimEnd() + '\n';
}

/** `1.234` → `"1.23"`: fixed digits, NaN as a dash. */
export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** A ratio as `3.41×`. */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** Bytes in a readable unit. */
export function bytes(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MiB`;
  if (abs >= 10 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${Math.round(value)} B`;
}
