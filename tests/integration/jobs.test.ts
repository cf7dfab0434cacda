/**
 * The jobs flow on the local stack (`npm start`, on free ports), through the generated API client:
 * submit -> processed -> status -> presigned download; owner scoping; idempotency; limits;
 * listing; partial batch failures; and 200 concurrent jobs with exactly one result each.
 * SQS visibility is shortened to 2 s here (a runner option) so retries happen within the test.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createApiClient } from '../../api/client.js';
import { jobTypes } from '../../src/jobs/types/index.js';
import { checked } from '../support/api-responses.js';
import { contractViolations } from '../support/contract.js';
import { apiAs, dynamoFor, eventually, loggedLines, physicalId, s3For, sqsFor } from '../support/jobs.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { signUpConfirmAndLogin, type TestUser } from '../support/users.js';

let stack: StackTarget;
let ann: TestUser;
let bob: TestUser;
let s3: S3Client;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startStack({ args: ['--sqs-visibility-timeout', '2'] });
  ann = await signUpConfirmAndLogin(stack);
  bob = await signUpConfirmAndLogin(stack);
  s3 = s3For(stack);
  sqs = sqsFor(stack);
}, 90000);

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await stack?.stop();
});

type Api = ReturnType<typeof apiAs>;

async function submit(
  api: Api,
  body: { jobType: 'echo' | 'word-count' | 'sha256'; payload: Record<string, unknown> },
  key?: string,
) {
  const res = await api.POST('/submit-job-request', {
    body,
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

describe('submit -> process -> status -> download', () => {
  it('a word-count job completes within seconds and its result downloads through the presigned URL', async () => {
    const api = apiAs(stack, ann);
    const payload = { text: 'The quick brown fox jumps over the lazy dog.\nThe dog sleeps.' };
    const { data, response } = await submit(api, { jobType: 'word-count', payload });

    expect(response.status).toBe(202);
    expect(data).toEqual({ jobId: expect.any(String), jobStatus: 'queued', statusUrl: expect.any(String) });
    const jobId = data?.jobId ?? '';
    expect(data?.statusUrl).toBe(`${stack.baseUrl}/job-status/${jobId}`);
    expect(response.headers.get('location')).toBe(data?.statusUrl);

    const job = await finished(api, jobId);
    expect(job).toMatchObject({ jobId, jobType: 'word-count', jobStatus: 'complete' });
    expect(Date.parse(job.updatedAt)).toBeGreaterThanOrEqual(Date.parse(job.createdAt));

    const download = await fetch(job.jobProcessedPayload ?? '');
    expect(download.status).toBe(200);
    expect(await download.json()).toEqual(jobTypes['word-count'].run(payload));

    // The status URL is followable as given.
    const followed = await fetch(data?.statusUrl ?? '', {
      headers: { Authorization: `Bearer ${ann.idToken}` },
    });
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ jobId, jobStatus: 'complete' });
  });

  it('an echo job returns the payload, and a sha256 job its digest', async () => {
    const api = apiAs(stack, ann);
    const payload = { nested: { list: [1, 'two', null], ok: true }, unicode: 'café ☕' };
    const echo = await submit(api, { jobType: 'echo', payload });
    const sha = await submit(api, { jobType: 'sha256', payload });
    for (const [res, expected] of [
      [echo, payload],
      [sha, jobTypes.sha256.run(payload)],
    ] as const) {
      const job = await finished(api, res.data?.jobId ?? '');
      expect(job.jobStatus).toBe('complete');
      expect(await (await fetch(job.jobProcessedPayload ?? '')).json()).toEqual(expected);
    }
  });

  it('a payload its type cannot use is refused at submit with 400 naming the field', async () => {
    const api = apiAs(stack, ann);
    const { data, error, response } = await submit(api, {
      jobType: 'word-count',
      payload: { words: 'no text' },
    });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({
      status: 400,
      errors: [{ pointer: '/payload/text', message: 'must be a string' }],
    });
  });

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

describe('owner scoping', () => {
  it("another user's job and an unknown id are the same 404 problem", async () => {
    const { data } = await submit(apiAs(stack, ann), { jobType: 'echo', payload: { secret: 'ann' } });
    const jobId = data?.jobId ?? '';
    await finished(apiAs(stack, ann), jobId);

    const theirs = await statusOf(apiAs(stack, bob), jobId);
    const unknown = await statusOf(apiAs(stack, bob), randomUUID());
    expect(theirs.response.status).toBe(404);
    expect(unknown.response.status).toBe(404);
    expect(theirs.response.headers.get('content-type')).toBe('application/problem+json');
    expect(theirs.error).toEqual(unknown.error);
    expect(JSON.stringify(theirs.error)).not.toContain('ann');

    // Bob's listing does not show it either.
    const bobs = await apiAs(stack, bob).GET('/jobs', { params: { query: { limit: 100 } } });
    expect(bobs.data?.items.map((j) => j.jobId)).not.toContain(jobId);
  });

  it('refuses every jobs route without a token (401)', async () => {
    const anonymous = createApiClient(stack.baseUrl);
    const post = await anonymous.POST('/submit-job-request', { body: { jobType: 'echo', payload: {} } });
    const get = await anonymous.GET('/job-status/{jobId}', { params: { path: { jobId: 'x' } } });
    const list = await anonymous.GET('/jobs');
    expect([post.response.status, get.response.status, list.response.status]).toEqual([401, 401, 401]);
  });
});

describe('Idempotency-Key and limits', () => {
  it('a retried submission with the same key and body is the same job; another body is 422', async () => {
    const api = apiAs(stack, ann);
    const key = `order-${randomUUID()}`;
    const body = { jobType: 'echo' as const, payload: { order: 42 } };
    const first = await submit(api, body, key);
    const retry = await submit(api, body, key);
    expect([first.response.status, retry.response.status]).toEqual([202, 202]);
    expect(retry.data?.jobId).toBe(first.data?.jobId);

    const conflict = await submit(api, { jobType: 'echo', payload: { order: 43 } }, key);
    expect(conflict.response.status).toBe(422);
    expect(conflict.response.headers.get('content-type')).toBe('application/problem+json');

    // Scoped per user: Bob's same key is his own job.
    const bobs = await submit(apiAs(stack, bob), body, key);
    expect(bobs.response.status).toBe(202);
    expect(bobs.data?.jobId).not.toBe(first.data?.jobId);

    const job = await finished(api, first.data?.jobId ?? '');
    expect(job.jobStatus).toBe('complete');
    const listed = await api.GET('/jobs', { params: { query: { limit: 100 } } });
    expect(listed.data?.items.filter((j) => j.jobId === first.data?.jobId)).toHaveLength(1);
    // One result object, whatever the replays re-sent.
    expect(await loggedLines(stack, new RegExp(`job complete jobId=${first.data?.jobId}`))).toHaveLength(1);
  });

  it('refuses a payload over 256 KiB with 413 naming the limit', async () => {
    const { response, error } = await submit(apiAs(stack, ann), {
      jobType: 'word-count',
      payload: { text: 'x'.repeat(300 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(error?.detail).toContain('262144 bytes (256 KiB)');
  });

  it('refuses an unknown job type with 400', async () => {
    const res = await apiAs(stack, ann).POST('/submit-job-request', {
      body: { jobType: 'rm-rf' as 'echo', payload: {} },
    });
    expect(res.response.status).toBe(400);
    expect(res.response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('GET /jobs', () => {
  it("pages through the caller's jobs newest first; a tampered token is 400", async () => {
    // Bob has older jobs from the tests above: the five new ones must come first, newest first.
    const api = apiAs(stack, bob);
    const submitted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { data } = await submit(api, { jobType: 'echo', payload: { i } });
      submitted.push(data?.jobId ?? '');
    }

    const seen: { jobId: string; createdAt: string }[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const res = await api.GET('/jobs', {
        params: { query: { limit: 2, ...(nextToken ? { nextToken } : {}) } },
      });
      expect(res.response.status).toBe(200);
      expect(
        contractViolations('listJobs', 200, res.response.headers.get('content-type') ?? '', res.data),
      ).toEqual([]);
      expect(res.data?.items.length).toBeLessThanOrEqual(2);
      seen.push(...(res.data?.items ?? []));
      nextToken = res.data?.nextToken;
      pages += 1;
    } while (nextToken && pages < 10);

    expect(seen.slice(0, 5).map((j) => j.jobId)).toEqual([...submitted].reverse());
    expect(seen.length).toBeGreaterThan(5);
    const created = seen.map((j) => j.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const first = await api.GET('/jobs', { params: { query: { limit: 2 } } });
    const token = first.data?.nextToken ?? '';
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const bad = await api.GET('/jobs', { params: { query: { nextToken: tampered } } });
    expect(bad.response.status).toBe(400);
    // Another user cannot replay Bob's cursor.
    const replay = await apiAs(stack, ann).GET('/jobs', { params: { query: { nextToken: token } } });
    expect(replay.response.status).toBe(400);
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
