/** What a benchmark group reports: figures, and each goal beside the figure it judges. */
export interface Check {
  name: string;
  value: number | string;
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

export function printTable(groups: Record<string, GroupResult | { error: string }>): void {
  const rows: string[][] = [['group', 'figure', 'value', 'goal', '']];
  for (const [group, result] of Object.entries(groups)) {
    if ('error' in result) {
      rows.push([group, 'error', result.error.slice(0, 80), '', 'ERROR']);
      continue;
    }
    for (const c of result.checks) rows.push([group, c.name, String(c.value), c.goal, c.ok ? 'ok' : 'MISS']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, j) => cell.padEnd(widths[j] ?? 0)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
