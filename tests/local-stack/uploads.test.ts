/**
 * Files in, on the local stack: an upload link from POST /uploads, the file posted to it as a
 * browser or curl would (a multipart form to the S3 emulator), a job over it, its result downloaded;
 * each file job type, and every refusal (over-size, wrong type, zero length, someone else's upload,
 * a missing object). Then retry and cancel from every state. Records are written to the table
 * directly where a state cannot be reached through the API on cue (processing, a job whose file
 * vanished before it ran).
 */
import { createHash, randomUUID } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { components } from '../../api/schema.js';
import { checked } from '../support/api-responses.js';
import { dynamoFor, physicalId, s3For, sqsFor } from '../support/emulators.js';
import { finished, postFile, submitFile, upload, uploadLink } from '../support/uploads.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { apiAs, signUpConfirmAndLogin, type TestUser } from '../support/users.js';

type Api = ReturnType<typeof apiAs>;
type JobType = components['schemas']['JobType'];
type ContentType = components['schemas']['UploadContentType'];
type JobStatus = components['schemas']['JobStatus'];

let stack: StackTarget;
let ann: TestUser;
let bob: TestUser;
let s3: S3Client;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startStack();
  [ann, bob] = await Promise.all([signUpConfirmAndLogin(stack), signUpConfirmAndLogin(stack)]);
  s3 = s3For(stack);
  sqs = sqsFor(stack);
}, 90000);

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await stack?.stop();
});

/** Upload, submit, wait, download: the result document. */
async function fileJob(jobType: JobType, contentType: ContentType, body: string): Promise<unknown> {
  const api = apiAs(stack, ann);
  const { data } = await submitFile(api, jobType, await upload(api, contentType, body));
  const job = await finished(api, data!.jobId);
  expect(job).toMatchObject({ jobStatus: 'complete' });
  const download = await fetch(job.jobProcessedPayload!);
  expect(download.status).toBe(200);
  return download.json();
}

describe('upload -> submit -> complete -> download', () => {
  it('sha256: the digest of the file bytes', async () => {
    const body = `${'a line of a file\n'.repeat(5000)}ünïcode ✓`;
    await expect(fileJob('sha256', 'application/octet-stream', body)).resolves.toEqual({
      algorithm: 'sha256',
      digest: createHash('sha256').update(body).digest('hex'),
      bytes: Buffer.byteLength(body),
    });
  });

  it('word-count: the counts of the file', async () => {
    await expect(
      fileJob('word-count', 'text/plain', 'To be, or not to be:\nthat is the question.'),
    ).resolves.toEqual({
      words: 10,
      uniqueWords: 8,
      characters: 42,
      lines: 2,
      topWords: [
        { word: 'be', count: 2 },
        { word: 'to', count: 2 },
        { word: 'is', count: 1 },
        { word: 'not', count: 1 },
        { word: 'or', count: 1 },
        { word: 'question', count: 1 },
        { word: 'that', count: 1 },
        { word: 'the', count: 1 },
      ],
    });
  });

  it('csv-stats: rows, columns, types and min/max of the file', async () => {
    await expect(fileJob('csv-stats', 'text/csv', 'city,temp\nOslo,-3.5\n"Rome, IT",21\n')).resolves.toEqual({
      rows: 2,
      columns: [
        { name: 'city', type: 'string', empty: 0, min: 'Oslo', max: 'Rome, IT' },
        { name: 'temp', type: 'number', empty: 0, min: -3.5, max: 21 },
      ],
    });
  });
});

describe('what the local stack says it does not check', () => {
  it("names, at start-up, the bucket's CORS as applied and POST signatures as not checked", async () => {
    await expect(
      stack.waitForLog(
        /ResultsBucket .*\(CORS applied; presigned POST policies enforced, signatures not checked\)/,
      ),
    ).resolves.toBeTruthy();
  });
});

describe('refusals', () => {
  it('a link over the limit is refused with 413, a zero length or an unknown type with 400, before any link', async () => {
    const api = apiAs(stack, ann);
    const over = await uploadLink(api, 'text/plain', 100 * 1024 * 1024 + 1);
    expect([over.response.status, over.error?.errors?.[0]?.pointer]).toEqual([413, '/contentLength']);
    expect((await uploadLink(api, 'text/plain', 0)).response.status).toBe(400);
    expect((await uploadLink(api, 'image/png' as ContentType, 10)).response.status).toBe(400);
  });

  it('S3 refuses a file of another size than the link was made for, and nothing is stored', async () => {
    const api = apiAs(stack, ann);
    const { data } = await uploadLink(api, 'text/plain', 5);
    const larger = await postFile(data!, 'hello, more than five');
    expect(larger.status).toBe(400);
    expect(await larger.text()).toContain('EntityTooLarge');
    const res = await submitFile(api, 'word-count', data!.uploadId);
    expect(res.response.status).toBe(404);
  });

  it("a job type that does not read the upload's content type is refused with 400 naming uploadId", async () => {
    const api = apiAs(stack, ann);
    const res = await submitFile(api, 'csv-stats', await upload(api, 'application/json', '{"a":1}'));
    expect(res.response.status).toBe(400);
    expect(res.error?.errors).toEqual([{ pointer: '/uploadId', message: 'is a application/json file' }]);
  });

  it("someone else's upload, and one never posted, are not found (404)", async () => {
    const annsUpload = await upload(apiAs(stack, ann), 'text/plain', 'private');
    expect((await submitFile(apiAs(stack, bob), 'sha256', annsUpload)).response.status).toBe(404);
    const { data } = await uploadLink(apiAs(stack, ann), 'text/plain', 3);
    expect((await submitFile(apiAs(stack, ann), 'sha256', data!.uploadId)).response.status).toBe(404);
  });
});

/** A job of ann's written straight to the table, as submit would write it, in any state. */
async function seedJob(jobStatus: JobStatus, extra: Record<string, unknown> = {}): Promise<string> {
  const jobId = randomUUID();
  const at = new Date().toISOString();
  await DynamoDBDocumentClient.from(dynamoFor(stack)).send(
    new PutCommand({
      TableName: physicalId(stack, 'JobsTable'),
      Item: {
        ownerId: ann.sub,
        jobId,
        jobType: 'word-count',
        jobStatus,
        payload: JSON.stringify({ text: 'seeded' }),
        requestHash: 'seeded',
        createdAt: at,
        updatedAt: at,
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
        attempts: 0,
        ...extra,
      },
    }),
  );
  return jobId;
}

const queueMessage = (jobId: string) =>
  sqs.send(
    new SendMessageCommand({
      QueueUrl: physicalId(stack, 'JobsQueue'),
      MessageBody: JSON.stringify({ ownerId: ann.sub, jobId, jobType: 'word-count' }),
    }),
  );

const retry = (api: Api, jobId: string) => api.POST('/jobs/{jobId}/retry', { params: { path: { jobId } } });
const cancel = (api: Api, jobId: string) => api.POST('/jobs/{jobId}/cancel', { params: { path: { jobId } } });

describe('a file job whose file is gone, then retried', () => {
  it('fails with the reason (never stays processing); after the file is put back, a retry completes it', async () => {
    const api = apiAs(stack, ann);
    const uploadKey = `uploads/${ann.sub}/${randomUUID()}`;
    const jobId = await seedJob('queued', { uploadKey, payload: JSON.stringify({ uploadId: 'x' }) });
    await queueMessage(jobId);
    expect(await finished(api, jobId)).toMatchObject({
      jobStatus: 'failed',
      error: 'The uploaded file could not be read: it is gone (expired or deleted)',
    });

    await s3.send(
      new PutObjectCommand({
        Bucket: physicalId(stack, 'ResultsBucket'),
        Key: uploadKey,
        Body: 'back again',
      }),
    );
    const retried = await retry(api, jobId);
    checked('retryJob', retried);
    expect([retried.response.status, retried.data?.jobStatus]).toEqual([202, 'queued']);
    const job = await finished(api, jobId);
    expect(job.jobStatus).toBe('complete');
    expect(job).not.toHaveProperty('error');
    await expect((await fetch(job.jobProcessedPayload!)).json()).resolves.toMatchObject({ words: 2 });
    await s3.send(new DeleteObjectCommand({ Bucket: physicalId(stack, 'ResultsBucket'), Key: uploadKey }));
  });
});

describe('retry and cancel in every state', () => {
  it('cancel stops a queued job: the processor skips it when its message arrives', async () => {
    const api = apiAs(stack, ann);
    const jobId = await seedJob('queued');
    const cancelled = await cancel(api, jobId);
    checked('cancelJob', cancelled);
    expect([cancelled.response.status, cancelled.data?.jobStatus]).toEqual([200, 'cancelled']);
    await queueMessage(jobId);
    await stack.waitForLog(new RegExp(`job already finished; duplicate delivery ignored jobId=${jobId}`));
    const { data } = await api.GET('/job-status/{jobId}', { params: { path: { jobId } } });
    expect(data).toMatchObject({ jobStatus: 'cancelled' });
    expect(data).not.toHaveProperty('jobProcessedPayload');
  });

  it.each([
    ['queued', 409, 200],
    ['processing', 409, 409],
    ['complete', 409, 409],
    ['failed', 202, 409],
    ['cancelled', 409, 409],
  ] as const)('a %s job: retry %i, cancel %i', async (status, retryStatus, cancelStatus) => {
    const api = apiAs(stack, ann);
    const forRetry = await seedJob(status);
    const forCancel = await seedJob(status);
    const r = await retry(api, forRetry);
    const c = await cancel(api, forCancel);
    checked('retryJob', r);
    checked('cancelJob', c);
    expect([r.response.status, c.response.status]).toEqual([retryStatus, cancelStatus]);
    if (retryStatus === 409)
      expect(r.error?.detail).toBe(`Only a failed job can be retried; this one is ${status}.`);
    if (cancelStatus === 409)
      expect(c.error?.detail).toBe(`Only a queued job can be cancelled; this one is ${status}.`);
  });

  it("someone else's job is not found, whatever its state", async () => {
    const api = apiAs(stack, bob);
    for (const status of ['queued', 'failed'] as const) {
      const jobId = await seedJob(status);
      expect((await retry(api, jobId)).response.status).toBe(404);
      expect((await cancel(api, jobId)).response.status).toBe(404);
    }
  });
});
