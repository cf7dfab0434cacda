/**
 * `npm run bench` (full) / `npm run bench -- --quick` (under 2 minutes): measures the groups
 * coldStart, api, startup, authorizer and pipeline in one run on this machine, prints each figure
 * beside its goal (met / missed) and writes tests/bench/results/latest.json (git-ignored: machine,
 * node, commit, figures). Figures are medians and ratios from the same run: machines here are
 * shared and noisy.
 *
 * Options:
 *   --groups a,b       only these groups (authorizer, coldStart, api, pipeline, startup)
 *   --compare          also print each figure's change against tests/bench/baseline.json
 *   --save-baseline    also write this run's groups into tests/bench/baseline.json (the committed
 *                      figures README quotes; then `npm run bench:readme` regenerates its tables)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, relative } from 'node:path';
import { createApiClient } from '../../api/client.js';
import { projectRoot } from '../support/paths.js';
import { startStack } from '../support/stack.js';
import { signUpConfirmAndLogin } from '../support/users.js';
import { api } from './groups/api.js';
import { authorizer } from './groups/authorizer.js';
import { coldStart } from './groups/cold-start.js';
import { pipeline } from './groups/pipeline.js';
import { startup } from './groups/startup.js';
import {
  BASELINE_FILE,
  RESULTS_FILE,
  compare,
  readBaseline,
  withRun,
  writeJson,
  type RunResults,
} from './baseline.js';
import { printComparison, printTable, type GroupResult } from './report.js';

const GROUPS = ['authorizer', 'coldStart', 'api', 'pipeline', 'startup'] as const;
type GroupName = (typeof GROUPS)[number];

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const quick = flag('--quick');
const groupsArg = argv[argv.indexOf('--groups') + 1];
const selected = new Set<string>(argv.includes('--groups') ? (groupsArg ?? '').split(',') : GROUPS);
const unknown = [...selected].filter((g) => !(GROUPS as readonly string[]).includes(g));
if (unknown.length > 0) {
  console.error(`unknown group(s): ${unknown.join(', ')} (groups: ${GROUPS.join(', ')})`);
  process.exit(2);
}
const wanted = (g: GroupName) => selected.has(g);
const plan = quick
  ? {
      coldRuns: 3,
      loadSeconds: 5,
      launches: 3,
      soakMinutes: 0,
      jobs: 100,
      ceilingSamples: 100,
      authSeconds: 2,
      authRounds: 3,
    }
  : {
      coldRuns: 7,
      loadSeconds: 15,
      launches: 3,
      soakMinutes: 5,
      jobs: 1000,
      ceilingSamples: 300,
      authSeconds: 6,
      authRounds: 5,
    };

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: projectRoot,
      encoding: 'utf8',
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: projectRoot, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

async function guarded(
  name: string,
  run: () => Promise<GroupResult>,
): Promise<GroupResult | { error: string }> {
  const started = performance.now();
  console.log(`[bench] ${name} ...`);
  try {
    const result = await run();
    console.log(`[bench] ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    console.error(`[bench] ${name} failed: ${(error as Error).stack ?? String(error)}`);
    return { error: (error as Error).message };
  }
}

const groups: Record<string, GroupResult | { error: string }> = {};
const startedAt = new Date();

if (wanted('authorizer'))
  groups.authorizer = await guarded('authorizer', () =>
    authorizer({ seconds: plan.authSeconds, rounds: plan.authRounds }),
  );

const needsStack = wanted('coldStart') || wanted('api') || wanted('pipeline');
const stack = needsStack ? await startStack({ timeoutMs: 90_000 }) : undefined;
if (stack)
  try {
    const user = await signUpConfirmAndLogin(stack);
    const client = createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${user.idToken}` } });
    const submitted = await client.POST('/submit-job-request', {
      body: { jobType: 'echo', payload: { hello: 'bench' } },
    });
    const jobId = submitted.data?.jobId ?? '';
    for (let i = 0; i < 200; i++) {
      const s = await client.GET('/job-status/{jobId}', { params: { path: { jobId } } });
      if (s.data?.jobStatus === 'complete') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (wanted('coldStart'))
      groups.coldStart = await guarded('coldStart', () =>
        coldStart({ runs: plan.coldRuns, awsEnv: stack.awsEnv }),
      );
    if (wanted('api'))
      groups.api = await guarded('api', () =>
        api({ stack, idToken: user.idToken, jobId, seconds: plan.loadSeconds }),
      );
    if (wanted('pipeline'))
      groups.pipeline = await guarded('pipeline', () =>
        pipeline({ stack, idToken: user.idToken, jobs: plan.jobs, ceilingSamples: plan.ceilingSamples }),
      );
  } finally {
    await stack.stop();
  }
if (wanted('startup'))
  groups.startup = await guarded('startup', () =>
    startup({ launches: plan.launches, soakMinutes: plan.soakMinutes }),
  );

const results: RunResults = {
  mode: quick ? ('quick' as const) : ('full' as const),
  command: quick ? 'npm run bench -- --quick' : 'npm run bench',
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  commit: commit(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  groups,
};
mkdirSync(dirname(RESULTS_FILE), { recursive: true });
writeJson(RESULTS_FILE, results);
console.log('');
printTable(groups);
console.log(
  `\nwrote ${relative(projectRoot, RESULTS_FILE)} (${results.mode}, ${results.seconds} s, commit ${results.commit})`,
);
if (flag('--compare')) {
  console.log(`\nagainst ${relative(projectRoot, BASELINE_FILE)}:\n`);
  printComparison(compare(readBaseline(), groups));
}
if (flag('--save-baseline')) {
  writeJson(BASELINE_FILE, withRun(readBaseline(), results));
  console.log(
    `\nsaved ${Object.keys(groups).join(', ')} into ${relative(projectRoot, BASELINE_FILE)}; run \`npm run bench:readme\` to regenerate README's tables`,
  );
}
const failedGroups = Object.entries(groups)
  .filter(([, g]) => 'error' in g)
  .map(([n]) => n);
if (failedGroups.length > 0) {
  console.error(`groups that could not run: ${failedGroups.join(', ')}`);
  process.exit(1);
}
