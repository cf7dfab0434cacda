/** What a benchmark group reports: figures, and each goal beside the figure it judges. */
import type { Change } from './baseline.js';

export interface Check {
  name: string;
  value: number | string;
  /** What the figure should be (`<= 1.5`), or `reported` for a figure with no goal. */
  goal: string;
  ok: boolean;
}

export interface GroupResult {
  figures: Record<string, unknown>;
  checks: Check[];
  notes?: string[];
}

export function check(name: string, value: number, goal: string, ok: boolean): Check {
  return { name, value, goal, ok };
}

/** A figure reported with no goal to meet. */
export function reported(name: string, value: number): Check {
  return { name, value, goal: 'reported', ok: true };
}

/** `met` or `missed` beside a goal; nothing beside a figure that has none. */
export const verdict = (c: Pick<Check, 'goal' | 'ok'>): string =>
  c.goal === 'reported' ? '' : c.ok ? 'met' : 'missed';

/** `+12.3 %`, `-4.0 %`, or `` when the change cannot be computed. */
export const percentChange = (change: number | undefined): string =>
  change === undefined ? '' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} %`;

function printRows(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row
        .map((cell, j) => cell.padEnd(widths[j] ?? 0))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export function printTable(groups: Record<string, GroupResult | { error: string }>): void {
  const rows: string[][] = [['group', 'figure', 'value', 'goal', '']];
  for (const [group, result] of Object.entries(groups)) {
    if ('error' in result) {
      rows.push([group, 'error', result.error.slice(0, 80), '', 'ERROR']);
      continue;
    }
    for (const c of result.checks) rows.push([group, c.name, String(c.value), c.goal, verdict(c)]);
  }
  printRows(rows);
}

export function printComparison(changes: Change[]): void {
  const rows: string[][] = [['group', 'figure', 'baseline', 'now', 'change', 'goal', '']];
  for (const c of changes) {
    rows.push([
      c.group,
      c.name,
      c.baseline === undefined ? '(none)' : String(c.baseline),
      String(c.now),
      percentChange(c.change),
      c.goal,
      verdict(c),
    ]);
  }
  printRows(rows);
}
