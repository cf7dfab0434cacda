/**
 * README's bench tables are generated from the committed baseline (tests/bench/baseline.json), and
 * a run's figures are compared with the baseline's by group and name.
 */
import { readFileSync } from 'node:fs';
import { compare, readBaseline, withRun, type Baseline, type RunResults } from '../../bench/baseline.js';
import { BEGIN, END, README_FILE, renderSection, withSection } from '../../bench/readme.js';

const readme = readFileSync(README_FILE, 'utf8');
const baseline = readBaseline();

const run = (groups: RunResults['groups'], commit = 'abc1234'): RunResults => ({
  mode: 'full',
  command: 'npm run bench',
  startedAt: '2026-12-02T15:00:00.000Z',
  seconds: 1,
  commit,
  machine: { cpus: 2, cpuModel: 'cpu', memoryGB: 1, node: 'v20', platform: 'linux-x64' },
  groups,
});

describe("README's bench section", () => {
  it('is exactly what the baseline renders (npm run bench:readme)', () => {
    expect(withSection(readme, renderSection(baseline))).toBe(readme);
  });

  it('would be found out if a figure were typed into it by hand', () => {
    const [group] = Object.values(baseline.groups);
    const first = group!.checks[0]!;
    // A digit typed in front of the first figure.
    const tampered = readme.replace(`| ${first.name} | `, `| ${first.name} | 9`);
    expect(tampered).not.toBe(readme);
    expect(withSection(tampered, renderSection(baseline))).not.toBe(tampered);
  });

  it('shows each goal beside its figure with met or missed', () => {
    const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END));
    for (const g of Object.values(baseline.groups)) {
      for (const c of g.checks.filter((c) => c.goal !== 'reported')) {
        expect(section).toContain(`| ${c.name} |`);
        expect(section).toMatch(
          new RegExp(
            `\\| ${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|[^\n]*\\| ${c.ok ? 'met' : 'missed'} \\|`,
          ),
        );
      }
    }
  });
});

describe('the baseline', () => {
  const before: Baseline = {
    groups: {
      api: {
        figures: {},
        checks: [{ name: 'x raw', value: 0.2, goal: '>= 0.3', ok: false }],
        run: {
          mode: 'quick',
          command: 'npm run bench -- --quick',
          startedAt: '2026-12-01T00:00:00.000Z',
          commit: 'old0000',
          machine: run({}).machine,
        },
      },
    },
  };

  it('takes a run group by group, keeping the run each came from and groups the run did not measure', () => {
    const after = withRun(before, {
      ...run({ coldStart: { figures: {}, checks: [{ name: 'size', value: 1, goal: '<= 2', ok: true }] } }),
    });
    expect(Object.keys(after.groups)).toEqual(['api', 'coldStart']);
    expect(after.groups.coldStart!.run.commit).toBe('abc1234');
    expect(after.groups.api).toEqual(before.groups.api);
  });

  it('keeps its figures for a group that failed in the run', () => {
    const after = withRun(before, run({ api: { error: 'stack did not start' } }));
    expect(after.groups.api).toEqual(before.groups.api);
  });

  it("is compared figure by figure, as the change of each against the baseline's", () => {
    const changes = compare(
      before,
      run({
        api: {
          figures: {},
          checks: [
            { name: 'x raw', value: 0.3, goal: '>= 0.3', ok: true },
            { name: 'new figure', value: 5, goal: 'reported', ok: true },
          ],
        },
      }).groups,
    );
    expect(changes).toEqual([
      {
        group: 'api',
        name: 'x raw',
        baseline: 0.2,
        now: 0.3,
        change: expect.closeTo(0.5, 6),
        goal: '>= 0.3',
        ok: true,
      },
      {
        group: 'api',
        name: 'new figure',
        baseline: undefined,
        now: 5,
        change: undefined,
        goal: 'reported',
        ok: true,
      },
    ]);
  });
});
