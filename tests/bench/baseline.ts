/**
 * The bench's two files: a run's results (tests/bench/results/latest.json, git-ignored, written by
 * every run) and the committed baseline (tests/bench/baseline.json, the figures README quotes),
 * which changes only when a run is given --save-baseline. Each baseline group keeps the run it
 * came from, so saving one group (--groups coldStart --save-baseline) leaves the others' provenance
 * true.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/paths.js';
import type { Check, GroupResult } from './report.js';

export const BASELINE_FILE = join(projectRoot, 'tests', 'bench', 'baseline.json');
export const RESULTS_FILE = join(projectRoot, 'tests', 'bench', 'results', 'latest.json');

/** Where and how a run was made. */
export interface RunInfo {
  mode: 'quick' | 'full';
  command: string;
  startedAt: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; platform: string };
}

export interface RunResults extends RunInfo {
  seconds: number;
  groups: Record<string, GroupResult | { error: string }>;
}

export type BaselineGroup = GroupResult & { run: RunInfo };

export interface Baseline {
  groups: Record<string, BaselineGroup>;
}

export function readBaseline(file = BASELINE_FILE): Baseline {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Baseline) : { groups: {} };
}

/** The baseline with every group this run measured (a group that failed keeps its old figures). */
export function withRun(baseline: Baseline, results: RunResults): Baseline {
  const run: RunInfo = {
    mode: results.mode,
    command: results.command,
    startedAt: results.startedAt,
    commit: results.commit,
    machine: results.machine,
  };
  const groups = { ...baseline.groups };
  for (const [name, group] of Object.entries(results.groups)) {
    if (!('error' in group)) groups[name] = { ...group, run };
  }
  return { groups };
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

export interface Change {
  group: string;
  name: string;
  baseline: Check['value'] | undefined;
  now: Check['value'];
  /** Relative change of a number against the baseline's (0.1 = +10 %), undefined when not comparable. */
  change: number | undefined;
  goal: string;
  ok: boolean;
}

/** Each figure of this run beside the baseline's figure of the same group and name. */
export function compare(baseline: Baseline, groups: RunResults['groups']): Change[] {
  const changes: Change[] = [];
  for (const [group, result] of Object.entries(groups)) {
    if ('error' in result) continue;
    const before = new Map((baseline.groups[group]?.checks ?? []).map((c) => [c.name, c.value]));
    for (const c of result.checks) {
      const b = before.get(c.name);
      const change =
        typeof b === 'number' && typeof c.value === 'number' && b !== 0 ? c.value / b - 1 : undefined;
      changes.push({ group, name: c.name, baseline: b, now: c.value, change, goal: c.goal, ok: c.ok });
    }
  }
  return changes;
}
