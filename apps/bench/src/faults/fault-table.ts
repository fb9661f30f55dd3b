import type { Table } from '../report.js';
import type { FaultContender } from './fault-contenders.js';
import type { FaultCell } from './fault-run.js';
import type { FaultScenario } from './fault-scenarios.js';

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `3/120`, with the hung calls said. */
export function failedText(cell: FaultCell): string {
  return cell.hung > 0 ? `${cell.failed}/${cell.calls} (${cell.hung} hung)` : `${cell.failed}/${cell.calls}`;
}

export function longestText(cell: FaultCell): string {
  return cell.hung > 0 ? `≥ ${seconds(cell.longestMs)} (hung)` : seconds(cell.longestMs);
}

export function firstGoodText(cell: FaultCell, capMs: number): string {
  if (Number.isNaN(cell.firstGoodMs)) return '–';
  return Number.isFinite(cell.firstGoodMs) ? seconds(cell.firstGoodMs) : `none in ${seconds(capMs)}`;
}

/** One driver's table: a row per scenario, four columns per pool. */
export function faultTable(title: string, scenarios: readonly FaultScenario[], contenders: readonly FaultContender[], cells: readonly FaultCell[], capMs: number): Table {
  const columns = ['scenario'];
  for (const c of contenders) columns.push(`${c.name}: failed`, 'longest call', 'first good', 'connects');
  const rows = scenarios.map((scenario) => {
    const row = [scenario.label];
    for (const c of contenders) {
      const cell = cells.find((one) => one.scenario === scenario.key && one.contender === c.name);
      if (cell === undefined) row.push('–', '–', '–', '–');
      else row.push(failedText(cell), longestText(cell), firstGoodText(cell, capMs), String(cell.connects));
    }
    return row;
  });
  return { title, columns, rows };
}

/** Connect attempts per second each pool made against a full server. */
export function attemptsTable(cells: readonly FaultCell[]): Table | undefined {
  const measured = cells.filter((cell) => cell.attemptsPerSecond !== undefined);
  if (measured.length === 0) return undefined;
  return {
    title: 'Connect attempts per second against a full server',
    columns: ['pool', 'attempts/s', 'calls failed'],
    rows: measured.map((cell) => [cell.contender, cell.attemptsPerSecond!.toFixed(1), failedText(cell)]),
  };
}
