import { PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { handler } from '../../../src/functions/job-processor.js';
import { loadEvent } from '../../support/events.js';
import { fakeJobsTable, jobRecord, OWNER } from './fake-jobs-table.js';

process.env.JOBS_TABLE_NAME = 'jobs-table';
process.env.RESULTS_BUCKET_NAME = 'results-bucket';

const table = fakeJobsTable();
const s3 = mockClient(S3Client);
const sample = loadEvent<SQSEvent>('job-processor');
const [first, second, third] = sample.Records as [SQSRecord, SQSRecord, SQSRecord];
const jobIdOf = (r: SQSRecord) => (JSON.parse(r.body) as { jobId: string }).jobId;
/** What happened, in order, across the table and the bucket. */
let journal: string[] = [];

beforeEach(() => {
  table.ddb.resetHistory();
  table.hooks.beforeUpdate = undefined;
  s3.reset();
  journal = [];
  s3.on(PutObjectCommand).callsFake((input: PutObjectCommandInput) => {
    journal.push(`put ${input.Key}`);
    return {};
  });
  table.hooks.beforeUpdate = (input) =>
    journal.push(`move ${String(input.ExpressionAttributeValues?.[':to'])}`);
});

const puts = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

describe('job processor (SQS, partial batch responses)', () => {
  it('runs each job, writes exactly one result object under the owner prefix, then marks it complete', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.\nThe dog sleeps.';
    table.put(jobRecord({ jobId: jobIdOf(first), jobType: 'echo', payload: JSON.stringify({ a: 1 }) }));
    table.put(
      jobRecord({ jobId: jobIdOf(second), jobType: 'word-count', payload: JSON.stringify({ text }) }),
    );
    table.put(
      jobRecord({ jobId: jobIdOf(third), jobType: 'sha256', payload: JSON.stringify({ b: 2, a: 1 }) }),
    );

    const response = await handler(sample);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(puts()).toHaveLength(3);
    for (const record of sample.Records) {
      const key = `results/${OWNER}/${jobIdOf(record)}.json`;
      expect(puts().filter((p) => p.Key === key)).toHaveLength(1);
      expect(puts().find((p) => p.Key === key)).toMatchObject({
        Bucket: 'results-bucket',
        ContentType: 'application/json',
      });
      expect(table.get(OWNER, jobIdOf(record))).toMatchObject({
        jobStatus: 'complete',
        resultKey: key,
        attempts: 1,
      });
    }
    const body = (r: SQSRecord) => puts().find((p) => p.Key?.includes(jobIdOf(r)))?.Body;
    expect(JSON.parse(body(first) as string)).toEqual({ a: 1 });
    expect(JSON.parse(body(second) as string)).toMatchObject({ words: 12, lines: 2 });
    expect(JSON.parse(body(third) as string)).toMatchObject({
      algorithm: 'sha256',
      digest: expect.any(String),
    });
  });

  it('writes the result before the completing move, for every job', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first) }));
    await handler(batch(first));
    expect(journal).toEqual([
      'move processing',
      `put results/${OWNER}/${jobIdOf(first)}.json`,
      'move complete',
    ]);
  });

  it('a redelivered message of a complete job has no side effect: no run, no object, no write', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first), jobStatus: 'complete', resultKey: 'results/x.json' }));
    table.put(jobRecord({ jobId: jobIdOf(second), jobStatus: 'failed', error: 'bad' }));
    const before = [table.get(OWNER, jobIdOf(first)), table.get(OWNER, jobIdOf(second))].map((j) =>
      structuredClone(j),
    );

    const response = await handler(batch(first, second));

    expect(response.batchItemFailures).toEqual([]);
    expect(puts()).toHaveLength(0);
    expect(table.ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect([table.get(OWNER, jobIdOf(first)), table.get(OWNER, jobIdOf(second))]).toEqual(before);
  });

  it('reads the job with a strongly consistent read', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first) }));
    await handler(batch(first));
    expect(table.ddb.commandCalls(GetCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
  });

  it('a non-retryable failure marks the job failed with the reason, and is not retried', async () => {
    table.put(
      jobRecord({ jobId: jobIdOf(first), jobType: 'word-count', payload: JSON.stringify({ words: 3 }) }),
    );
    table.put(jobRecord({ jobId: jobIdOf(second) }));

    const response = await handler(batch(first, second));

    expect(response.batchItemFailures).toEqual([]);
    expect(table.get(OWNER, jobIdOf(first))).toMatchObject({
      jobStatus: 'failed',
      error: 'word-count needs a string "text" field in the payload',
    });
    expect(table.get(OWNER, jobIdOf(first))?.resultKey).toBeUndefined();
    expect(puts().map((p) => p.Key)).toEqual([`results/${OWNER}/${jobIdOf(second)}.json`]);
    expect(table.get(OWNER, jobIdOf(second))?.jobStatus).toBe('complete');
  });

  it('a retryable failure reports exactly that record for redelivery; the rest of the batch completes', async () => {
    for (const r of sample.Records) table.put(jobRecord({ jobId: jobIdOf(r) }));
    s3.on(PutObjectCommand, { Key: `results/${OWNER}/${jobIdOf(second)}.json` }).rejects(
      Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }),
    );

    const response = await handler(sample);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: second.messageId }] });
    expect(table.get(OWNER, jobIdOf(first))?.jobStatus).toBe('complete');
    expect(table.get(OWNER, jobIdOf(third))?.jobStatus).toBe('complete');
    // Left in processing: the redelivery may pick it up again (processing -> processing).
    expect(table.get(OWNER, jobIdOf(second))).toMatchObject({ jobStatus: 'processing', attempts: 1 });
  });

  it('a redelivery after a crash mid-processing finishes the job and counts the attempt', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first), jobStatus: 'processing', attempts: 1 }));
    const response = await handler(
      batch({ ...first, attributes: { ...first.attributes, ApproximateReceiveCount: '2' } }),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(table.get(OWNER, jobIdOf(first))).toMatchObject({ jobStatus: 'complete', attempts: 2 });
    expect(puts()).toHaveLength(1);
  });

  it('never overwrites a job another delivery completed while this one was running', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first) }));
    // Another worker finishes the job between this worker's start and its completing move.
    table.hooks.beforeUpdate = (input) => {
      if (input.ExpressionAttributeValues?.[':to'] === 'complete') {
        const job = table.get(OWNER, jobIdOf(first));
        if (job)
          Object.assign(job, { jobStatus: 'complete', resultKey: 'by-the-other-worker', updatedAt: 'then' });
      }
    };

    const response = await handler(batch(first));

    expect(response.batchItemFailures).toEqual([]);
    expect(table.get(OWNER, jobIdOf(first))).toMatchObject({
      jobStatus: 'complete',
      resultKey: 'by-the-other-worker',
      updatedAt: 'then',
    });
  });

  it('a failing move to failed does not overwrite a job that was completed meanwhile', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first), jobType: 'word-count', payload: '{}' }));
    table.hooks.beforeUpdate = (input) => {
      if (input.ExpressionAttributeValues?.[':to'] === 'failed') {
        const job = table.get(OWNER, jobIdOf(first));
        if (job) job.jobStatus = 'complete';
      }
    };
    const response = await handler(batch(first));
    expect(response.batchItemFailures).toEqual([]);
    expect(table.get(OWNER, jobIdOf(first))?.jobStatus).toBe('complete');
    expect(table.get(OWNER, jobIdOf(first))?.error).toBeUndefined();
  });

  it('the same message delivered twice in one batch yields one complete job and identical result bytes', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first), jobType: 'sha256', payload: JSON.stringify({ k: 'v' }) }));
    const response = await handler(batch(first, { ...first, messageId: 'duplicate-delivery' }));
    expect(response.batchItemFailures).toEqual([]);
    const bodies = new Set(puts().map((p) => p.Body));
    expect(bodies.size).toBe(1);
    expect(journal.filter((j) => j === 'move complete').length).toBeGreaterThanOrEqual(1);
    expect(table.get(OWNER, jobIdOf(first))?.jobStatus).toBe('complete');
  });

  it('a message for a job that does not exist (expired) is dropped, not retried', async () => {
    const response = await handler(batch(first));
    expect(response.batchItemFailures).toEqual([]);
    expect(puts()).toHaveLength(0);
    expect(table.ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('a message that names no job is reported failed, so it ends in the DLQ for inspection', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first) }));
    const garbage = { ...second, messageId: 'garbage', body: 'not json' };
    const noKey = { ...third, messageId: 'no-key', body: JSON.stringify({ jobId: 'x' }) };

    const response = await handler(batch(first, garbage, noKey));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'garbage' }, { itemIdentifier: 'no-key' }]);
    expect(table.get(OWNER, jobIdOf(first))?.jobStatus).toBe('complete');
  });

  it('a table outage fails every record for redelivery without losing any', async () => {
    table.ddb.on(GetCommand).rejectsOnce(new Error('timeout')).rejectsOnce(new Error('timeout'));
    table.put(jobRecord({ jobId: jobIdOf(first) }));
    table.put(jobRecord({ jobId: jobIdOf(second) }));
    const response = await handler(batch(first, second));
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [first.messageId, second.messageId].sort(),
    );
    expect(puts()).toHaveLength(0);
  });
});
