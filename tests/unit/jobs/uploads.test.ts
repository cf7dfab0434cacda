/**
 * Jobs over uploaded files, on in-memory ports: upload links (limit, key under the owner), submit
 * naming an upload (the caller's, there, of a type the job reads), and the processor streaming it
 * (each file job type, chunk boundaries anywhere, a missing file failing with a reason).
 */
import { createHash } from 'node:crypto';
import { JobProcessor } from '../../../src/jobs/process.js';
import { FILE_CONTENT_TYPES } from '../../../src/jobs/file-inputs.js';
import { jobTypes } from '../../../src/jobs/types/index.js';
import { SubmitJobs } from '../../../src/jobs/submit.js';
import { Uploads } from '../../../src/jobs/uploads.js';
import type { JobType } from '../../../src/jobs/model.js';
import {
  fixedClock,
  InMemoryJobQueue,
  InMemoryJobStore,
  InMemoryResults,
  InMemoryUploads,
  OTHER_OWNER,
  OWNER,
} from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';
import { spec } from '../../support/project.js';

const NOW = '2026-11-25T02:10:00.000Z';
let store: InMemoryJobStore;
let queue: InMemoryJobQueue;
let files: InMemoryUploads;
let results: InMemoryResults;
let uploads: Uploads;
let submit: SubmitJobs;
let processor: JobProcessor;
let ids = 0;
let metrics: RecordedMetrics;

beforeEach(() => {
  store = new InMemoryJobStore();
  queue = new InMemoryJobQueue();
  files = new InMemoryUploads();
  results = new InMemoryResults();
  const clock = fixedClock(NOW);
  metrics = new RecordedMetrics();
  uploads = new Uploads({
    links: files,
    maxBytes: 1000,
    linkExpirySeconds: 600,
    clock,
    metrics,
    newUploadId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
  submit = new SubmitJobs({ store, queue, retentionDays: 30, clock, metrics, files });
  processor = new JobProcessor({ store, results, files, clock, metrics });
});

/** Asks for a link as `owner` and posts `body` to it: the uploadId. */
async function upload(body: string, contentType = 'text/plain', owner = OWNER): Promise<string> {
  const link = await uploads.create(owner, {
    contentType: contentType as never,
    contentLength: Buffer.byteLength(body),
  });
  expect(files.post(link.fields.key!, body)).toBe(true);
  return link.uploadId;
}

/** Submits a file job and processes its message: the job's record and its result. */
async function runFileJob(jobType: JobType, uploadId: string) {
  const { jobId } = await submit.submit({ ownerId: OWNER, jobType, uploadId });
  const message = queue.sent.find((m) => m.jobId === jobId)!;
  await processor.process(JSON.stringify(message), { messageId: 'm', receiveCount: 1 });
  const record = store.record(OWNER, jobId)!;
  const result = record.resultKey
    ? (JSON.parse(results.objects.get(record.resultKey)!) as unknown)
    : undefined;
  return { record, result };
}

describe('upload links', () => {
  it("are made for the caller's own prefix, for the declared type and exact size, expiring after the link lifetime", async () => {
    const link = await uploads.create(OWNER, {
      contentType: 'text/csv',
      contentLength: 1000,
      fileName: 'a.csv',
    });
    expect(link).toEqual({
      uploadId: '00000000-0000-4000-8000-000000000001',
      url: 'https://uploads.example/bucket',
      method: 'POST',
      fields: { key: `uploads/${OWNER}/${link.uploadId}`, 'Content-Type': 'text/csv' },
      expiresAt: '2026-11-25T02:20:00.000Z',
    });
    expect(files.links).toEqual([
      {
        key: `uploads/${OWNER}/${link.uploadId}`,
        contentType: 'text/csv',
        bytes: 1000,
        expiresInSeconds: 600,
      },
    ]);
    expect(metrics.counts()).toEqual(['UploadCreated{}']);
  });

  it('are refused over the limit, before any link is made', async () => {
    await expect(
      uploads.create(OWNER, { contentType: 'text/csv', contentLength: 1001 }),
    ).rejects.toMatchObject({
      kind: 'too-large',
      fields: [{ pointer: '/contentLength', message: 'must be at most 1000' }],
    });
    expect(files.links).toEqual([]);
    expect(metrics.counts()).toEqual([]);
  });
});

describe('submitting a job over an upload', () => {
  it("records the upload's key and queues the job", async () => {
    const uploadId = await upload('hello');
    const { jobId } = await submit.submit({ ownerId: OWNER, jobType: 'sha256', uploadId });
    expect(store.record(OWNER, jobId)).toMatchObject({
      uploadKey: `uploads/${OWNER}/${uploadId}`,
      payload: JSON.stringify({ uploadId }),
      jobStatus: 'queued',
    });
    expect(queue.sent).toEqual([{ ownerId: OWNER, jobId, jobType: 'sha256' }]);
  });

  it("refuses another user's upload as not found, and one never posted or expired the same way", async () => {
    const theirs = await upload('secret', 'text/plain', OTHER_OWNER);
    const link = await uploads.create(OWNER, { contentType: 'text/plain', contentLength: 3 });
    for (const uploadId of [theirs, link.uploadId])
      await expect(submit.submit({ ownerId: OWNER, jobType: 'sha256', uploadId })).rejects.toMatchObject({
        kind: 'not-found',
      });
    expect(store.all()).toEqual([]);
    expect(queue.sent).toEqual([]);
  });

  it('refuses a file of a type the job type does not read, and a job type that reads no files, with 400 naming uploadId', async () => {
    const json = await upload('{"a":1}', 'application/json');
    await expect(
      submit.submit({ ownerId: OWNER, jobType: 'csv-stats', uploadId: json }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      detail: 'The csv-stats job type does not read application/json files (it reads text/csv).',
      fields: [{ pointer: '/uploadId', message: 'is a application/json file' }],
    });
    await expect(submit.submit({ ownerId: OWNER, jobType: 'echo', uploadId: json })).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect(store.all()).toEqual([]);
  });

  it('refuses both a payload and an upload, or neither', async () => {
    const uploadId = await upload('x');
    await expect(
      submit.submit({ ownerId: OWNER, jobType: 'sha256', payload: {}, uploadId }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(submit.submit({ ownerId: OWNER, jobType: 'sha256' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('is idempotent by key: the same upload is the same job, another upload a conflict', async () => {
    const a = await upload('a');
    const b = await upload('b');
    const first = await submit.submit({
      ownerId: OWNER,
      jobType: 'sha256',
      uploadId: a,
      idempotencyKey: 'k',
    });
    await expect(
      submit.submit({ ownerId: OWNER, jobType: 'sha256', uploadId: a, idempotencyKey: 'k' }),
    ).resolves.toEqual(first);
    await expect(
      submit.submit({ ownerId: OWNER, jobType: 'sha256', uploadId: b, idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ kind: 'mismatch' });
  });
});

describe('processing a job over an upload', () => {
  it('sha256: the digest and size of the file bytes as uploaded', async () => {
    const body = 'a file, hashed in 7-byte chunks ✓';
    const { record, result } = await runFileJob('sha256', await upload(body, 'application/octet-stream'));
    expect(record.jobStatus).toBe('complete');
    expect(result).toEqual({
      algorithm: 'sha256',
      digest: createHash('sha256').update(body).digest('hex'),
      bytes: Buffer.byteLength(body),
    });
  });

  it('word-count: the same counts as the inline job, however the chunks cut words, characters and \\r\\n', async () => {
    const text = 'Héllo wörld, don’t stop —\r\nwell-known 𝔘nicode words\rand\nmore more MORE 😀 end';
    for (const chunkSize of [1, 2, 3, 5, 7, 64]) {
      files.chunkSize = chunkSize;
      const { result } = await runFileJob('word-count', await upload(text));
      expect({ chunkSize, result }).toEqual({
        chunkSize,
        result: await jobTypes['word-count'].run({ text }),
      });
    }
    expect(await jobTypes['word-count'].run({ text })).toMatchObject({
      words: 12,
      lines: 4,
      uniqueWords: 10,
    });
  });

  it("csv-stats: rows, columns, and each column's type, empties and min/max, quoted fields included", async () => {
    const csv = 'name,age,city,note\r\n"Smith, Jo",42,Oslo,\nAda,7.5,"Bergen",\n"Bo ""B"" Li",-3,Oslo,\n';
    const { record, result } = await runFileJob('csv-stats', await upload(csv, 'text/csv'));
    expect(record.jobStatus).toBe('complete');
    expect(result).toEqual({
      rows: 3,
      columns: [
        { name: 'name', type: 'string', empty: 0, min: 'Ada', max: 'Smith, Jo' },
        { name: 'age', type: 'number', empty: 0, min: -3, max: 42 },
        { name: 'city', type: 'string', empty: 0, min: 'Bergen', max: 'Oslo' },
        { name: 'note', type: 'empty', empty: 3 },
      ],
    });
    await expect(jobTypes['csv-stats'].run({ text: csv })).resolves.toEqual(result);
  });

  it('csv-stats: a malformed file fails the job with the reason, naming the line', async () => {
    const { record } = await runFileJob('csv-stats', await upload('a,b\n1,2\n3\n', 'text/csv'));
    expect(record.jobStatus).toBe('failed');
    expect(record.error).toMatch(/^The CSV is malformed: .*line 3/);
  });

  it('a file gone before processing (expired, deleted) fails the job with the reason, never leaving it processing', async () => {
    const uploadId = await upload('soon gone');
    const { jobId } = await submit.submit({ ownerId: OWNER, jobType: 'word-count', uploadId });
    files.objects.clear();
    await expect(
      processor.process(JSON.stringify(queue.sent[0]), { messageId: 'm', receiveCount: 1 }),
    ).resolves.toBe('failed');
    expect(store.record(OWNER, jobId)).toMatchObject({
      jobStatus: 'failed',
      error: 'The uploaded file could not be read: it is gone (expired or deleted)',
    });
  });
});

describe('a file job whose storage fails for a moment', () => {
  it('is retried like an inline job (the error goes back to the batch, so SQS redelivers and, in the end, dead-letters it)', async () => {
    const uploadId = await upload('words words');
    const { jobId } = await submit.submit({ ownerId: OWNER, jobType: 'word-count', uploadId });
    const open = files.open.bind(files);
    files.open = () => Promise.reject(new Error('S3 unavailable'));
    const delivery = (receiveCount: number) => ({ messageId: 'm', receiveCount });
    await expect(processor.process(JSON.stringify(queue.sent[0]), delivery(1))).rejects.toThrow(
      'S3 unavailable',
    );
    expect(store.record(OWNER, jobId)).toMatchObject({ jobStatus: 'processing', attempts: 1 });
    files.open = open;
    await expect(processor.process(JSON.stringify(queue.sent[0]), delivery(2))).resolves.toBe('complete');
    expect(store.record(OWNER, jobId)).toMatchObject({ jobStatus: 'complete', attempts: 2 });
  });
});

describe('which files each job type reads', () => {
  it('is what the contract says in each payload schema, and only types with a file reader read any', () => {
    const schemas = spec.components.schemas as Record<string, { description?: string }>;
    const contentTypes = (schemas.UploadContentType as unknown as { enum: string[] }).enum;
    for (const [type, readable] of Object.entries(FILE_CONTENT_TYPES) as [JobType, readonly string[]][]) {
      const pascal = type.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
      const description = (schemas[`${pascal}JobPayload`]?.description ?? '').replace(/\s+/g, ' ');
      const listed = /File content types: ([^.]+)\./.exec(description)?.[1]?.split(', ') ?? [];
      expect({ type, listed }).toEqual({ type, listed: [...readable] });
      expect(readable.every((c) => contentTypes.includes(c))).toBe(true);
      expect({ type, reads: readable.length > 0 }).toEqual({
        type,
        reads: jobTypes[type].runFile !== undefined,
      });
    }
  });
});
