/**
 * api: the local API at 10 connections (autocannon), each figure against a baseline measured in the
 * same run, on the same 2 cores as the load client:
 * - GET /health, and an authorized route whose handler does no I/O on the runner's own fixture app
 *   (packages/sam-local/tests/fixtures/sam-app: its TOKEN authorizer, cached 300 s), each against a
 *   raw Node http server answering the same bytes;
 * - an authorized GET /job-status/{id} (one consistent GetItem per request) against the DynamoDB
 *   emulator's own rate for that GetItem at the same concurrency, with its p99;
 * - where the time goes: that emulator on disk (LevelDB, the local stack's default: state survives
 *   a restart) and in memory, each a standalone dynalite holding a copy of the job.
 */
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startStack as startSamLocal } from 'sam-local/testing';
import { projectRoot } from '../../support/paths.js';
import type { StackTarget } from '../../support/stack.js';
import { getItemLoad, standaloneDynalite, type TableItem } from '../dynamodb-load.js';
import { load, type LoadResult } from '../load.js';
import { capture, startRawServer } from '../raw-server.js';
import { check, reported, type GroupResult } from '../report.js';
import { round } from '../stats.js';

const CONNECTIONS = 10;
// Issue 15's goals.
const HEALTH_GOAL = 0.3;
const FIXTURE_AUTHORIZED_GOAL = 0.3;
const JOB_STATUS_VS_EMULATOR_GOAL = 0.5;
const JOB_STATUS_P99_GOAL_MS = 50;

const FIXTURE_DIR = join(projectRoot, 'packages', 'sam-local', 'tests', 'fixtures', 'sam-app');

/** Every load here is preceded by discarded ones at the same concurrency until steady (see load.ts). */
const warmupFor = (seconds: number) => Math.max(3, Math.round(seconds / 3));

async function vsRaw(url: string, headers: Record<string, string>, seconds: number, stackPid?: number) {
  const raw = await startRawServer(await capture(url, headers));
  try {
    const path = new URL(url).pathname;
    const warmupSeconds = warmupFor(seconds);
    const baseline = await load(raw.url + path, {
      connections: CONNECTIONS,
      seconds,
      warmupSeconds,
      cpuOf: raw.pid,
    });
    const stack = await load(url, {
      connections: CONNECTIONS,
      seconds,
      headers,
      warmupSeconds,
      cpuOf: stackPid,
    });
    return { baseline, stack, ratio: stack.requestsPerSecond / baseline.requestsPerSecond };
  } finally {
    await raw.stop();
  }
}

const fig = (r: LoadResult) => ({
  reqPerSec: round(r.requestsPerSecond, 0),
  p50Ms: r.p50Ms,
  p99Ms: r.p99Ms,
  non2xx: r.non2xx,
  errors: r.errors,
  warmedUpSeconds: r.warmedUpSeconds,
  ...(r.cpuUsPerRequest ? { cpuUsPerRequest: r.cpuUsPerRequest } : {}),
});
const vsRawFig = (r: Awaited<ReturnType<typeof vsRaw>>) => ({
  stack: fig(r.stack),
  raw: fig(r.baseline),
  ratio: round(r.ratio, 2),
});
/** Where a load's CPU went in the runner, per request (Linux only, thread-cpu.ts; nothing elsewhere). */
function runnerCpuRows(label: string, r: LoadResult) {
  const cpu = r.cpuUsPerRequest;
  return cpu
    ? [
        reported(`${label}: runner main thread CPU us/request`, cpu.mainThread),
        reported(`${label}: runner other threads CPU us/request`, cpu.otherThreads),
      ]
    : [];
}
const rawCpuRows = (r: LoadResult) =>
  r.cpuUsPerRequest
    ? [
        reported(
          'raw Node server CPU us/request',
          r.cpuUsPerRequest.mainThread + r.cpuUsPerRequest.otherThreads,
        ),
      ]
    : [];
const failures = (...rs: LoadResult[]) => rs.reduce((n, r) => n + r.non2xx + r.errors, 0);

/** The job's item: the jobs table and the job's key (its owner is the token's `sub`). */
async function jobItem(stack: StackTarget, idToken: string, jobId: string): Promise<TableItem> {
  const env = stack.awsEnv;
  const ddb = new DynamoDBClient({
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
  });
  try {
    const table = (await ddb.send(new ListTablesCommand({}))).TableNames?.find((t) => /Jobs/i.test(t)) ?? '';
    const { sub } = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub: string;
    };
    return { table, key: { ownerId: { S: sub }, jobId: { S: jobId } } };
  } finally {
    ddb.destroy();
  }
}

export async function api(options: {
  stack: StackTarget;
  idToken: string;
  jobId: string;
  seconds: number;
}): Promise<GroupResult> {
  const { stack, seconds } = options;
  const health = await vsRaw(`${stack.baseUrl}/health`, {}, seconds, stack.pid);

  const fixture = await startSamLocal({ cwd: FIXTURE_DIR, template: join(FIXTURE_DIR, 'template.yaml') });
  let fixtureAuthorized: Awaited<ReturnType<typeof vsRaw>>;
  try {
    fixtureAuthorized = await vsRaw(
      `${fixture.baseUrl}/secret/bench`,
      { authorization: 'Bearer allow' },
      seconds,
      fixture.pid,
    );
  } finally {
    await fixture.stop();
  }

  // Authorized GET /job-status against the emulator's own GetItem of that job, back to back.
  const item = await jobItem(stack, options.idToken, options.jobId);
  const dynamoEndpoint = stack.awsEnv.AWS_ENDPOINT_URL_DYNAMODB ?? '';
  const emulator = await getItemLoad(stack.awsEnv, dynamoEndpoint, item, {
    connections: CONNECTIONS,
    seconds,
    warmupSeconds: warmupFor(seconds),
  });
  const jobStatus = await load(`${stack.baseUrl}/job-status/${options.jobId}`, {
    connections: CONNECTIONS,
    seconds,
    warmupSeconds: warmupFor(seconds),
    headers: { authorization: `Bearer ${options.idToken}` },
    cpuOf: stack.pid,
  });
  const jobStatusRatio = jobStatus.requestsPerSecond / emulator.requestsPerSecond;

  // The emulator's two modes, standalone, each with a copy of the job.
  const modes: Record<string, LoadResult> = {};
  for (const mode of ['disk', 'memory'] as const) {
    const d = await standaloneDynalite(stack.awsEnv, { endpoint: dynamoEndpoint, item }, mode);
    try {
      modes[mode] = await getItemLoad(stack.awsEnv, d.endpoint, d.item, {
        connections: CONNECTIONS,
        seconds,
        warmupSeconds: warmupFor(seconds),
      });
    } finally {
      await d.stop();
    }
  }
  const memoryVsDisk = modes.memory!.requestsPerSecond / modes.disk!.requestsPerSecond;

  return {
    figures: {
      connections: CONNECTIONS,
      seconds,
      warmupWindowSeconds: warmupFor(seconds),
      health: vsRawFig(health),
      fixtureAuthorized: vsRawFig(fixtureAuthorized),
      authorizedJobStatus: { ...fig(jobStatus), ratioToEmulatorGetItem: round(jobStatusRatio, 2) },
      emulatorGetItem: { ...fig(emulator), itemFound: emulator.found },
      standaloneDynalite: {
        disk: fig(modes.disk!),
        memory: fig(modes.memory!),
        memoryVsDisk: round(memoryVsDisk, 2),
      },
    },
    notes: [
      'CPU us/request: the measured load only, from /proc per thread; the runner main thread is the API gateway (and the SQS/S3 emulator), its other threads are the function workers, V8 background compilation and GC, and libuv; the load client shares the same 2 cores',
    ],
    checks: [
      check('GET /health x raw', round(health.ratio, 2), `>= ${HEALTH_GOAL}`, health.ratio >= HEALTH_GOAL),
      check(
        'fixture app, authorized route x raw',
        round(fixtureAuthorized.ratio, 2),
        `>= ${FIXTURE_AUTHORIZED_GOAL}`,
        fixtureAuthorized.ratio >= FIXTURE_AUTHORIZED_GOAL,
      ),
      check(
        'GET /job-status (authorized) x emulator GetItem',
        round(jobStatusRatio, 2),
        `>= ${JOB_STATUS_VS_EMULATOR_GOAL}`,
        jobStatusRatio >= JOB_STATUS_VS_EMULATOR_GOAL,
      ),
      check(
        'GET /job-status p99 ms',
        jobStatus.p99Ms,
        `<= ${JOB_STATUS_P99_GOAL_MS}`,
        jobStatus.p99Ms <= JOB_STATUS_P99_GOAL_MS,
      ),
      ...rawCpuRows(health.baseline),
      ...runnerCpuRows('GET /health', health.stack),
      ...runnerCpuRows('fixture authorized route', fixtureAuthorized.stack),
      ...runnerCpuRows('GET /job-status', jobStatus),
      reported('emulator GetItem req/s (local stack, on disk)', round(emulator.requestsPerSecond, 0)),
      reported('dynalite in memory x on disk (GetItem req/s)', round(memoryVsDisk, 2)),
      check(
        'errors + non-2xx under load',
        failures(health.stack, fixtureAuthorized.stack, jobStatus, emulator, modes.disk!, modes.memory!),
        '0',
        failures(health.stack, fixtureAuthorized.stack, jobStatus, emulator, modes.disk!, modes.memory!) ===
          0,
      ),
    ],
  };
}
