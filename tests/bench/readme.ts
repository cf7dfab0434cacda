/**
 * README's bench tables, generated from the committed baseline (tests/bench/baseline.json) between
 * two markers, so no figure there is typed by hand. `npm run bench:readme` rewrites the section;
 * `-- --check` exits 1 when README differs (tests/unit/bench/readme.test.ts does the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/paths.js';
import { readBaseline, type Baseline, type BaselineGroup } from './baseline.js';
import { verdict } from './report.js';

export const README_FILE = join(projectRoot, 'README.md');
export const BEGIN =
  '<!-- bench:begin (generated from tests/bench/baseline.json by `npm run bench:readme`; do not edit) -->';
export const END = '<!-- bench:end -->';

const value = (v: number | string) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);

function renderGroup(name: string, g: BaselineGroup): string {
  const r = g.run;
  const lines = [
    `**${name}**: \`${r.command}\` (${r.mode}), commit ${r.commit}, ${r.startedAt.slice(0, 10)}, ` +
      `${r.machine.cpus} CPUs ${r.machine.cpuModel}, Node ${r.machine.node}`,
    '',
    '| figure | value | goal | |',
    '|---|---|---|---|',
    ...g.checks.map((c) => `| ${c.name} | ${value(c.value)} | ${c.goal} | ${verdict(c)} |`),
  ];
  if (g.notes?.length) lines.push('', ...g.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

/** The section between the markers, markers included. */
export function renderSection(baseline: Baseline): string {
  const groups = Object.entries(baseline.groups).map(([name, g]) => renderGroup(name, g));
  return [BEGIN, '', ...groups.flatMap((g) => [g, '']), END].join('\n');
}

/** README with its bench section replaced by `section`; throws when the markers are missing. */
export function withSection(readme: string, section: string): string {
  const from = readme.indexOf(BEGIN);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no "${BEGIN}" ... "${END}" section`);
  return readme.slice(0, from) + section + readme.slice(to + END.length);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''));
if (isMain) {
  const readme = readFileSync(README_FILE, 'utf8');
  const next = withSection(readme, renderSection(readBaseline()));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error(
        'README.md bench section differs from tests/bench/baseline.json: run npm run bench:readme',
      );
      process.exit(1);
    }
  } else if (next !== readme) {
    writeFileSync(README_FILE, next);
    console.log('README.md bench section regenerated from tests/bench/baseline.json');
  }
}
