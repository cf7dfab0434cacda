/**
 * pipeline: N jobs submitted concurrently through the API, all processed to `complete`: jobs/s and
 * submit-to-complete p50/p99 (from each job's own createdAt/updatedAt), against a ceiling made of
 * the emulators' own op rates measured in the same run (sequential SDK calls from this process)
 * divided by the operations one job costs.
 */
import { randomUUID } from 'node:crypto';
import {
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createApiClient } from '../../../api/client.js';
import type { StackTarget } from '../../support/stack.js';
import { check, reported, type GroupResult } from '../report.js';
import { percentile, round } from '../stats.js';

// What one job costs each emulator: DynamoDB put (submit), get + 2 conditional updates (processor);
// SQS send, plus receive and delete shared by a batch of up to 10; S3 one put.
const OPS_PER_JOB = { dynamodb: 4, sqs: 1 + 2 / 10, s3: 1 };
/** Issue 15: the full run's 1,000 jobs at >= 0.6x the emulator-bound ceiling. */
const CEILING_RATIO_GOAL = 0.6;

async function rate(n: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await op(i);
  return n / ((performance.now() - started) / 1000);
}

async function emulatorRates(env: Record<string, string>, samples: number) {
  const credentials = {
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
  };
  const region = env.AWS_REGION ?? 'us-east-1';
  const ddb = new DynamoDBClient({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  const sqs = new SQSClient({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_SQS });
  const s3 = new S3Client({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
  try {
    // Write into an existing table under keys no job uses, then remove them.
    const table = (await ddb.send(new ListTablesCommand({}))).TableNames?.find((t) => /Jobs/i.test(t)) ?? '';
    const keys = (await ddb.send(new DescribeTableCommand({ TableName: table }))).Table?.KeySchema ?? [];
    const key = (i: number) =>
      Object.fromEntries(keys.map((k) => [k.AttributeName!, { S: `bench-ceiling-${i}` }]));
    const dynamodb = await rate(samples, (i) =>
      ddb.send(
        new PutItemCommand({
          TableName: table,
          Item: { ...key(i), createdAt: { S: new Date().toISOString() } },
        }),
      ),
    );
    for (let i = 0; i < samples; i++)
      await ddb.send(new DeleteItemCommand({ TableName: table, Key: key(i) }));

    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `bench-ceiling-${randomUUID().slice(0, 8)}` }),
    );
    const sqsRate = await rate(samples, (i) =>
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `{"i":${i}}` })),
    );
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));

    const bucket = (await s3.send(new ListBucketsCommand({}))).Buckets?.[0]?.Name ?? '';
    const s3Rate = await rate(samples, (i) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: `bench-ceiling/${i}.json`, Body: '{"x":1}' })),
    );
    for (let i = 0; i < samples; i++)
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `bench-ceiling/${i}.json` }));
    return { dynamodbOpsPerSec: dynamodb, sqsSendPerSec: sqsRate, s3PutPerSec: s3Rate };
  } finally {
    ddb.destroy();
    sqs.destroy();
    s3.destroy();
  }
}

export async function pipeline(options: {
  stack: StackTarget;
  idToken: string;
  jobs: number;
  ceilingSamples: number;
}): Promise<GroupResult> {
  const api = createApiClient(options.stack.baseUrl, {
    headers: { Authorization: `Bearer ${options.idToken}` },
  });
  const ids: string[] = [];
  const queue = Array.from({ length: options.jobs }, (_, i) => i);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const r = await api.POST('/submit-job-request', {
          body: { jobType: 'word-count', payload: { text: `bench job ${i} the quick brown fox` } },
        });
        if (r.response.status !== 202 || !r.data) throw new Error(`submit answered ${r.response.status}`);
        ids.push(r.data.jobId);
      }
    }),
  );
  const submitted = Date.now();

  const wanted = new Set(ids);
  const done = new Map<string, { createdAt: string; updatedAt: string; jobStatus: string }>();
  const deadline = Date.now() + 10 * 60_000;
  while (done.size < wanted.size && Date.now() < deadline) {
    let nextToken: string | undefined;
    do {
      const page = await api.GET('/jobs', {
        params: { query: { limit: 100, ...(nextToken ? { nextToken } : {}) } },
      });
      for (const job of page.data?.items ?? []) {
        if (wanted.has(job.jobId) && (job.jobStatus === 'complete' || job.jobStatus === 'failed'))
          done.set(job.jobId, job);
      }
      nextToken = page.data?.nextToken;
    } while (nextToken);
    if (done.size < wanted.size) await new Promise((r) => setTimeout(r, 500));
  }
  const jobs = [...done.values()];
  const latencies = jobs.map((j) => Date.parse(j.updatedAt) - Date.parse(j.createdAt));
  const lastDone = Math.max(...jobs.map((j) => Date.parse(j.updatedAt)));
  const jobsPerSec = jobs.length / ((lastDone - started) / 1000);

  const rates = await emulatorRates(options.stack.awsEnv, options.ceilingSamples);
  const ceiling = Math.min(
    rates.dynamodbOpsPerSec / OPS_PER_JOB.dynamodb,
    rates.sqsSendPerSec / OPS_PER_JOB.sqs,
    rates.s3PutPerSec / OPS_PER_JOB.s3,
  );
  const failed = jobs.filter((j) => j.jobStatus !== 'complete').length;
  return {
    figures: {
      jobs: options.jobs,
      completed: jobs.length - failed,
      failed,
      unfinished: options.jobs - jobs.length,
      submitSeconds: round((submitted - started) / 1000, 1),
      jobsPerSec: round(jobsPerSec, 1),
      submitToCompleteP50Ms: percentile(latencies, 50),
      submitToCompleteP99Ms: percentile(latencies, 99),
      emulatorRates: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, round(v, 0)])),
      opsPerJob: OPS_PER_JOB,
      ceilingJobsPerSec: round(ceiling, 1),
      ratioToCeiling: round(jobsPerSec / ceiling, 2),
    },
    checks: [
      check(
        'jobs complete',
        jobs.length - failed,
        `= ${options.jobs}`,
        jobs.length - failed === options.jobs,
      ),
      check(
        'jobs/s (x emulator ceiling)',
        round(jobsPerSec / ceiling, 2),
        `>= ${CEILING_RATIO_GOAL}`,
        jobsPerSec / ceiling >= CEILING_RATIO_GOAL,
      ),
      reported('submit->complete p99 ms', percentile(latencies, 99)),
    ],
  };
}
