import type { ScenarioSummary, TaskRecord } from './run-scenario.js';

const ROW = 20;
const BAR = 12;
const LEFT = 70;
const RIGHT = 20;
const TOP = 80;
const WIDTH = 900;
const AXIS = 34;

/**
 * The scenario as a picture: one row per task, a dashed line while it waits for a connection,
 * then a bar while it holds one, coloured by backend PID (the same colour is the same
 * connection, handed from task to task). A failed task ends in a red cross.
 */
export function timelineSvg(subtitle: string, summary: ScenarioSummary, records: readonly TaskRecord[]): string {
  const end = Math.max(0.001, ...records.map((r) => r.releasedAt ?? r.startedAt));
  const step = niceStep(end / 8);
  const scale = (WIDTH - LEFT - RIGHT) / (Math.ceil(end / step) * step);
  const x = (t: number): string => (LEFT + t * scale).toFixed(1);
  const height = TOP + records.length * ROW + AXIS;
  const colours = pidColours(records);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${LEFT}" y="20" font-size="15" font-weight="bold">${escape(summary.name)}</text>`,
    `<text x="${LEFT}" y="38">${escape(subtitle)}</text>`,
    `<text x="${LEFT}" y="54">${escape(`${summary.tasks} tasks, ${summary.failed} failed · ${summary.distinctConnections} backend PIDs · at most ${summary.maxOpen} open · ${summary.waited} waited · ${summary.wallSeconds.toFixed(3)} s`)}</text>`,
    `<text x="${LEFT}" y="70" fill="#666">${escape('dashed: waiting for a connection · bar: holding one, coloured by backend PID')}</text>`,
  ];
  for (let t = 0; t <= end + step / 2; t += step) {
    out.push(`<line x1="${x(t)}" y1="${TOP - 4}" x2="${x(t)}" y2="${height - AXIS + 4}" stroke="#eee"/>`);
    out.push(`<text x="${x(t)}" y="${height - AXIS + 18}" text-anchor="middle" fill="#666">${t.toFixed(step < 0.1 ? 2 : 1)} s</text>`);
  }
  records.forEach((r, row) => out.push(...taskRow(r, TOP + row * ROW, x, colours)));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function taskRow(r: TaskRecord, y: number, x: (t: number) => string, colours: ReadonlyMap<number, string>): string[] {
  const mid = y + ROW / 2;
  const parts = [`<text x="${LEFT - 8}" y="${mid + 4}" text-anchor="end">Task ${r.id}</text>`];
  const waitEnd = r.obtainedAt ?? r.releasedAt ?? r.startedAt;
  if (waitEnd > r.startedAt) {
    parts.push(`<line x1="${x(r.startedAt)}" y1="${mid}" x2="${x(waitEnd)}" y2="${mid}" stroke="#999" stroke-dasharray="3 3"/>`);
  }
  if (r.obtainedAt !== undefined && r.releasedAt !== undefined) {
    const fill = r.pid === undefined ? '#888' : colours.get(r.pid) ?? '#888';
    const width = Math.max(1, Number(x(r.releasedAt)) - Number(x(r.obtainedAt)));
    parts.push(`<rect x="${x(r.obtainedAt)}" y="${y + (ROW - BAR) / 2}" width="${width.toFixed(1)}" height="${BAR}" rx="2" fill="${fill}"><title>${escape(`Task ${r.id}: PID ${r.pid ?? '?'}, ${r.obtainedAt.toFixed(3)}–${r.releasedAt.toFixed(3)} s`)}</title></rect>`);
    if (r.pid !== undefined && width > 40) parts.push(`<text x="${(Number(x(r.obtainedAt)) + 4).toFixed(1)}" y="${mid + 4}" fill="#fff">PID ${r.pid}</text>`);
  }
  if (r.error !== undefined) {
    const at = x(r.releasedAt ?? r.startedAt);
    parts.push(`<text x="${at}" y="${mid + 4}" fill="#c00" font-weight="bold">✕<title>${escape(r.error)}</title></text>`);
  }
  return parts;
}

/** A distinct colour per backend PID, in the order the PIDs first appear. */
function pidColours(records: readonly TaskRecord[]): Map<number, string> {
  const colours = new Map<number, string>();
  for (const { pid } of [...records].sort((a, b) => (a.obtainedAt ?? Infinity) - (b.obtainedAt ?? Infinity))) {
    // Golden-angle hues stay far apart however many PIDs there are.
    if (pid !== undefined && !colours.has(pid)) {
      const k = colours.size;
      colours.set(pid, `hsl(${Math.round((k * 137.508) % 360)}, 62%, ${k % 2 === 0 ? 40 : 52}%)`);
    }
  }
  return colours;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
