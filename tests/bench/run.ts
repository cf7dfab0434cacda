/**
 * `npm run bench` (full) / `npm run bench -- --quick` (under 2 minutes): measures the groups
 * coldStart, api, startup, authorizer and pipeline in one run on this machine, prints each figure
 * beside its goal and writes tests/bench/results/latest.json (machine, node, commit, figures).
 * Figures are medians and ratios from the same run: machines here are shared and noisy.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '../../api/client.js';
import { projectRoot } from '../support/paths.js';
import { startStack } from '../support/stack.js';
import { signUpConfirmAndLogin } from '../support/users.js';
import { api } from './groups/api.js';
import { authorizer } from './groups/authorizer.js';
import { coldStart } from './groups/cold-start.js';
import { pipeline } from './groups/pipeline.js';
import { startup } from './groups/startup.js';
import { printTable, type GroupResult } from './report.js';

const quick = process.argv.includes('--quick');
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

groups.authorizer = await guarded('authorizer', () =>
  authorizer({ seconds: plan.authSeconds, rounds: plan.authRounds }),
);

const stack = await startStack({ timeoutMs: 90_000 });
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
  groups.coldStart = await guarded('coldStart', () =>
    coldStart({ runs: plan.coldRuns, awsEnv: stack.awsEnv }),
  );
  groups.api = await guarded('api', () =>
    api({ stack, idToken: user.idToken, jobId, seconds: plan.loadSeconds }),
  );
  groups.pipeline = await guarded('pipeline', () =>
    pipeline({ stack, idToken: user.idToken, jobs: plan.jobs, ceilingSamples: plan.ceilingSamples }),
  );
} finally {
  await stack.stop();
}
groups.startup = await guarded('startup', () =>
  startup({ launches: plan.launches, soakMinutes: plan.soakMinutes }),
);

const results = {
  mode: quick ? 'quick' : 'full',
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
const dir = join(projectRoot, 'tests', 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log('');
printTable(groups);
console.log(
  `\nwrote tests/bench/results/latest.json (${results.mode}, ${results.seconds} s, commit ${results.commit})`,
);
const failedGroups = Object.entries(groups)
  .filter(([, g]) => 'error' in g)
  .map(([n]) => n);
if (failedGroups.length > 0) {
  console.error(`groups that could not run: ${failedGroups.join(', ')}`);
  process.exit(1);
}
