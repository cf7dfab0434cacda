/**
 * Fault injection and a crash: jobs submitted while the processor fails a fraction of records on
 * purpose (the runner's `--fault JobProcessorFunction=RATE`: each record of a batch fails before
 * the handler sees it and is reported in batchItemFailures, so it returns to the queue), then the
 * whole local stack is killed with SIGKILL mid-run and restarted on the same data. Every job must
 * end terminal, none lost, none with two result objects, and the retries must show in the logs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createApiClient } from '../../api/client.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { logIn, signUpConfirmAndLogin } from '../support/users.js';
import { record, sized } from './report.js';

const JOBS = sized(500, 120);
const FAULT_RATE = 0.2;
const SUBMIT_CONCURRENCY = 25;
/** The runner's line for each record --fault failed, with the message id. */
const INJECTED = /\[fault\] JobProcessorFunction: record ([\w-]+) failed on purpose/;

function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    children = [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/** SIGKILL the runner and every process it started: nothing gets to clean up or flush. */
function killHard(stack: StackTarget): void {
  const pid = stack.pid;
  if (!pid) throw new Error('kill -9 needs a local stack');
  for (const p of [pid, ...descendants(pid)]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

describe(`${JOBS} jobs, ${FAULT_RATE * 100}% injected faults and a kill -9 mid-run`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reliability-faults-'));
  let stack: StackTarget | undefined;
  let logs = '';

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (fresh: boolean) =>
    startStack({
      dataDir,
      fresh,
      args: ['--fault', `JobProcessorFunction=${FAULT_RATE}`, '--sqs-visibility-timeout', '2'],
      timeoutMs: 90_000,
    });

  it('ends every job terminal with exactly one result per completed job', async () => {
    stack = await start(true);
    const user = await signUpConfirmAndLogin(stack);
    let api = createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${user.idToken}` } });

    const jobIds: string[] = [];
    await pool(
      Array.from({ length: JOBS }, (_, i) => i),
      SUBMIT_CONCURRENCY,
      async (i) => {
        const r = await api.POST('/submit-job-request', {
          body: {
            jobType: i % 2 ? 'word-count' : 'sha256',
            payload: { text: `job ${i} ${'lorem ipsum '.repeat(i % 7)}` },
          },
        });
        expect(r.response.status).toBe(202);
        jobIds.push(r.data!.jobId);
      },
    );
    expect(new Set(jobIds).size).toBe(JOBS);

    // Let processing get under way, then crash everything at once.
    await stack.waitForLog(INJECTED, 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    logs += stack.logs();
    killHard(stack);
    await stack.exited;

    stack = await start(false);
    const again = await logIn(stack, user.email, user.password);
    api = createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${again.idToken}` } });

    const terminal = new Map<string, string>();
    const deadline = Date.now() + 240_000;
    while (terminal.size < JOBS && Date.now() < deadline) {
      for (const id of jobIds.filter((j) => !terminal.has(j))) {
        const r = await api.GET('/job-status/{jobId}', { params: { path: { jobId: id } } });
        expect(r.response.status).toBe(200);
        const status = r.data!.jobStatus;
        if (status === 'complete' || status === 'failed') terminal.set(id, status);
      }
      if (terminal.size < JOBS) await new Promise((r) => setTimeout(r, 1000));
    }
    logs += stack.logs();

    const s3 = new S3Client({
      region: stack.awsEnv.AWS_REGION,
      endpoint: stack.awsEnv.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: {
        accessKeyId: stack.awsEnv.AWS_ACCESS_KEY_ID!,
        secretAccessKey: stack.awsEnv.AWS_SECRET_ACCESS_KEY!,
      },
    });
    const bucket = (await s3.send(new ListBucketsCommand({}))).Buckets?.[0]?.Name;
    const resultsPerJob = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const id = jobIds.find((j) => o.Key?.includes(j));
        if (id) resultsPerJob.set(id, (resultsPerJob.get(id) ?? 0) + 1);
      }
      token = page.NextContinuationToken;
    } while (token);

    const completed = [...terminal.values()].filter((s) => s === 'complete').length;
    const failed = [...terminal.values()].filter((s) => s === 'failed').length;
    const lost = JOBS - terminal.size;
    const duplicated = [...resultsPerJob.values()].filter((n) => n > 1).length;
    const completeWithoutResult = jobIds.filter(
      (j) => terminal.get(j) === 'complete' && resultsPerJob.get(j) !== 1,
    ).length;
    const faultsInjected = (logs.match(new RegExp(INJECTED, 'g')) ?? []).length;
    // A retry shows as a message that failed on purpose and was later delivered again and completed
    // (SQS keeps a message's id across deliveries).
    const faulted = new Set([...logs.matchAll(new RegExp(INJECTED, 'g'))].map((m) => m[1]));
    const completedMessages = new Set(
      [...logs.matchAll(/job complete .*?messageId=([\w-]+)/g)].map((m) => m[1]),
    );
    const retries = [...faulted].filter((id) => completedMessages.has(id)).length;
    const stuck = jobIds.filter((j) => !terminal.has(j));
    for (const id of stuck) {
      const r = await api.GET('/job-status/{jobId}', { params: { path: { jobId: id } } });
      console.error(
        `not terminal: ${id} ${JSON.stringify(r.data)}\n${logs
          .split('\n')
          .filter((l) => l.includes(id))
          .join('\n')}`,
      );
    }
    record('faults', {
      jobs: JOBS,
      faultsInjected,
      retriesLogged: retries,
      completed,
      failedAfterRetries: failed,
      lost,
      duplicated,
      completeWithoutResult,
      kills: 1,
    });

    expect({ lost, duplicated, completeWithoutResult }).toEqual({
      lost: 0,
      duplicated: 0,
      completeWithoutResult: 0,
    });
    expect(completed + failed).toBe(JOBS);
    expect(faultsInjected).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);
  }, 600_000);
});
