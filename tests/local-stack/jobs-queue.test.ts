/**
 * The jobs pipeline from inside the local stack, for what the black-box suite (tests/deployed/
 * jobs.test.ts) cannot see: records put on the queue directly, a poison message's way to the DLQ,
 * the result objects in the bucket and the processor's log lines (each job run exactly once).
 * SQS visibility is shortened to 2 s (a runner option) so retries happen within the test.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { components } from '../../api/schema.js';
import { checked } from '../support/api-responses.js';
import { dynamoFor, loggedLines, physicalId, s3For, sqsFor } from '../support/emulators.js';
import { eventually } from '../support/eventually.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { apiAs, signUpConfirmAndLogin, type TestUser } from '../support/users.js';

let stack: StackTarget;
let ann: TestUser;
let s3: S3Client;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startStack({ args: ['--sqs-visibility-timeout', '2'] });
  ann = await signUpConfirmAndLogin(stack);
  s3 = s3For(stack);
  sqs = sqsFor(stack);
}, 90000);

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await stack?.stop();
});

type Api = ReturnType<typeof apiAs>;

type SubmitJobRequest = components['schemas']['SubmitJobRequest'];

async function submit(
  api: Api,
  body: { jobType: 'echo' | 'word-count' | 'sha256'; payload: Record<string, unknown> },
  key?: string,
) {
  const res = await api.POST('/submit-job-request', {
    // Loosely typed on purpose: some tests submit payloads the contract refuses.
    body: body as SubmitJobRequest,
    params: { header: key ? { 'Idempotency-Key': key } : {} },
  });
  checked('submitJob', res);
  return res;
}

async function statusOf(api: Api, jobId: string) {
  const res = await api.GET('/job-status/{jobId}', { params: { path: { jobId } } });
  checked('getJobStatus', res);
  return res;
}

const finished = (api: Api, jobId: string, timeoutMs = 20000) =>
  eventually(
    `job ${jobId} finished`,
    async () => {
      const { data } = await statusOf(api, jobId);
      return data && (data.jobStatus === 'complete' || data.jobStatus === 'failed') ? data : undefined;
    },
    { timeoutMs },
  );

describe('a record queued directly', () => {
  it('a queued job whose payload its type cannot use fails with the reason, processed once (no retry)', async () => {
    // As if queued before the type's rules were tightened: written to the table and queued directly.
    const jobId = randomUUID();
    const at = new Date().toISOString();
    const ddb = DynamoDBDocumentClient.from(dynamoFor(stack));
    await ddb.send(
      new PutCommand({
        TableName: physicalId(stack, 'JobsTable'),
        Item: {
          ownerId: ann.sub,
          jobId,
          jobType: 'word-count',
          jobStatus: 'queued',
          payload: JSON.stringify({ words: 'no text' }),
          requestHash: 'legacy',
          createdAt: at,
          updatedAt: at,
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
          attempts: 0,
        },
      }),
    );
    await sqsFor(stack).send(
      new SendMessageCommand({
        QueueUrl: physicalId(stack, 'JobsQueue'),
        MessageBody: JSON.stringify({ ownerId: ann.sub, jobId }),
      }),
    );
    const api = apiAs(stack, ann);
    const job = await finished(api, jobId);
    expect(job).toMatchObject({
      jobStatus: 'failed',
      error: 'word-count needs a string "text" field in the payload',
    });
    expect(job).not.toHaveProperty('jobProcessedPayload');
    await stack.waitForLog(new RegExp(`job failed jobId=${jobId}`));
    expect(await loggedLines(stack, new RegExp(`job processing jobId=${jobId}`))).toHaveLength(1);
  });
});

describe('Idempotency-Key replays', () => {
  it('a replayed submission is processed once: one run, one result', async () => {
    const api = apiAs(stack, ann);
    const key = `order-${randomUUID()}`;
    const body = { jobType: 'echo' as const, payload: { order: 42 } };
    const [first, retry] = [await submit(api, body, key), await submit(api, body, key)];
    expect(retry.data?.jobId).toBe(first.data?.jobId);
    const jobId = first.data?.jobId ?? '';
    expect((await finished(api, jobId)).jobStatus).toBe('complete');
    expect(await loggedLines(stack, new RegExp(`job complete jobId=${jobId}`))).toHaveLength(1);
  });
});

describe('partial batch failures and the dead-letter queue', () => {
  it('a failing record is retried alone: the rest of its batch is processed once, it ends in the DLQ', async () => {
    const api = apiAs(stack, ann);
    const a = await submit(api, { jobType: 'echo', payload: { a: 1 } });
    const b = await submit(api, { jobType: 'echo', payload: { b: 1 } });
    const jobA = a.data?.jobId ?? '';
    const jobB = b.data?.jobId ?? '';
    await finished(api, jobA);
    await finished(api, jobB);

    // One batch: redeliveries of two finished jobs around a message that names no job.
    const queueUrl = physicalId(stack, 'JobsQueue');
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', MessageBody: JSON.stringify({ ownerId: ann.sub, jobId: jobA }) },
          { Id: 'poison', MessageBody: 'this is not a job message' },
          { Id: 'b', MessageBody: JSON.stringify({ ownerId: ann.sub, jobId: jobB }) },
        ],
      }),
    );
    const idOf = (entry: string) => sent.Successful?.find((s) => s.Id === entry)?.MessageId ?? '';
    const poison = idOf('poison');

    // The poison message fails on each of its 3 receives, then the DLQ consumer takes it.
    await stack.waitForLog(
      new RegExp(`\\[JobDlqFunction\\].*dead-lettered message names no job messageId=${poison}`),
      60000,
    );
    await stack.waitForLog(
      new RegExp(`record failed; it goes back to the queue messageId=${poison} receiveCount=3`),
    );
    const failures = await loggedLines(
      stack,
      new RegExp(`record failed; it goes back to the queue messageId=${poison}`),
    );
    expect(failures.map((l) => /receiveCount=(\d+)/.exec(l)?.[1])).toEqual(['1', '2', '3']);
    // The healthy records of that batch were handled exactly once: no redelivery, no second run.
    for (const entry of ['a', 'b']) {
      expect(await loggedLines(stack, new RegExp(`messageId=${idOf(entry)}`))).toEqual([
        expect.stringContaining('job already finished; duplicate delivery ignored'),
      ]);
    }
    expect(
      await loggedLines(stack, /JobsQueue -> JobProcessorFunction: 3 record\(s\), 1 failed/),
    ).toHaveLength(1);
    // And the finished jobs were not touched.
    for (const jobId of [jobA, jobB]) {
      expect(await loggedLines(stack, new RegExp(`job complete jobId=${jobId}`))).toHaveLength(1);
    }
  }, 90000);
});

describe('200 concurrent submissions', () => {
  it('all end complete, each with exactly one result object, nothing lost or duplicated', async () => {
    const dave = await signUpConfirmAndLogin(stack);
    const api = apiAs(stack, dave);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => submit(api, { jobType: 'echo', payload: { i } })),
    );
    expect(responses.map((r) => r.response.status)).toEqual(Array(200).fill(202));
    const ids = responses.map((r) => r.data?.jobId ?? '');
    expect(new Set(ids).size).toBe(200);

    const jobs = await eventually(
      'all 200 jobs complete',
      async () => {
        const all = [];
        let nextToken: string | undefined;
        do {
          const res = await api.GET('/jobs', {
            params: { query: { limit: 100, ...(nextToken ? { nextToken } : {}) } },
          });
          all.push(...(res.data?.items ?? []));
          nextToken = res.data?.nextToken;
        } while (nextToken);
        return all.length === 200 && all.every((j) => j.jobStatus === 'complete') ? all : undefined;
      },
      { timeoutMs: 120000, intervalMs: 1000 },
    );
    expect(jobs.map((j) => j.jobId).sort()).toEqual([...ids].sort());

    const bucket = physicalId(stack, 'ResultsBucket');
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: `results/${dave.sub}/`,
          ContinuationToken: token,
        }),
      );
      keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
      token = page.NextContinuationToken;
    } while (token);
    expect(keys.sort()).toEqual(ids.map((id) => `results/${dave.sub}/${id}.json`).sort());

    // Each object holds its own job's result, and each job was completed exactly once.
    const byId = new Map(responses.map((r, i) => [r.data?.jobId ?? '', i]));
    for (const id of ids) {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: `results/${dave.sub}/${id}.json` }),
      );
      expect(JSON.parse((await object.Body?.transformToString()) ?? '')).toEqual({ i: byId.get(id) });
      expect(await loggedLines(stack, new RegExp(`job complete jobId=${id}`))).toHaveLength(1);
    }
  }, 180000);
});
