/**
 * The SQS functions: a batch in, partial batch failures out (only the records that failed go back
 * to the queue). What each record does is the services' (tests/unit/jobs/process.test.ts, dead-letter.test.ts).
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { jobDlqHandler } from '../../../src/functions/job-dlq.js';
import { jobProcessorHandler } from '../../../src/functions/job-processor.js';
import { DeadLetters } from '../../../src/jobs/dead-letter.js';
import { JobProcessor } from '../../../src/jobs/process.js';
import {
  fixedClock,
  InMemoryJobStore,
  InMemoryResults,
  InMemoryUploads,
  jobRecord,
  OWNER,
} from '../../support/fakes/jobs.js';
import { loadEvent } from '../../support/events.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

const jobIdOf = (r: SQSRecord) => (JSON.parse(r.body) as { jobId: string }).jobId;

describe('JobProcessorFunction', () => {
  const sample = loadEvent<SQSEvent>('job-processor');
  const [first, second, third] = sample.Records as [SQSRecord, SQSRecord, SQSRecord];
  let store: InMemoryJobStore;
  let results: InMemoryResults;
  const handler = jobProcessorHandler(
    () =>
      new JobProcessor({
        store,
        results,
        files: new InMemoryUploads(),
        clock: fixedClock(),
        metrics: new RecordedMetrics(),
      }),
  );
  beforeEach(() => {
    store = new InMemoryJobStore();
    results = new InMemoryResults();
  });

  it('processes the whole batch and reports no failure', async () => {
    for (const r of sample.Records) store.seed(jobRecord({ jobId: jobIdOf(r) }));
    expect(await handler(sample)).toEqual({ batchItemFailures: [] });
    for (const r of sample.Records) expect(store.record(OWNER, jobIdOf(r))?.jobStatus).toBe('complete');
  });

  it('reports exactly the records that failed; the rest of the batch completes', async () => {
    for (const r of sample.Records) store.seed(jobRecord({ jobId: jobIdOf(r) }));
    results.failPutsOf(`results/${OWNER}/${jobIdOf(second)}.json`);
    const garbage = { ...third, messageId: 'garbage', body: 'not json' };
    const response = await handler({ Records: [first, second, garbage] });
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [second.messageId, 'garbage'].sort(),
    );
    expect(store.record(OWNER, jobIdOf(first))?.jobStatus).toBe('complete');
  });

  it('reports a fully failed batch as item failures, not an invocation error', async () => {
    for (let i = 0; i < sample.Records.length; i++) store.failNext('get', new Error('timeout'));
    const response = await handler(sample);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      sample.Records.map((r) => r.messageId).sort(),
    );
  });

  it('fails the whole batch before any record when the service cannot be built (misconfiguration)', async () => {
    const broken = jobProcessorHandler(() => {
      throw new Error('Missing required environment variable JOBS_TABLE_NAME');
    });
    await expect(broken(sample)).rejects.toThrow('JOBS_TABLE_NAME');
  });
});

describe('JobDlqFunction', () => {
  const sample = loadEvent<SQSEvent>('job-dlq');
  const [first, second] = sample.Records as [SQSRecord, SQSRecord];
  let store: InMemoryJobStore;
  const handler = jobDlqHandler(
    () => new DeadLetters({ store, maxReceiveCount: 3, clock: fixedClock(), metrics: new RecordedMetrics() }),
  );
  beforeEach(() => {
    store = new InMemoryJobStore();
  });

  it('marks each dead-lettered job failed and reports no failure', async () => {
    for (const r of sample.Records) store.seed(jobRecord({ jobId: jobIdOf(r) }));
    expect(await handler(sample)).toEqual({ batchItemFailures: [] });
    for (const r of sample.Records)
      expect(store.record(OWNER, jobIdOf(r))).toMatchObject({
        jobStatus: 'failed',
        error: 'processing failed after 3 attempts',
      });
  });

  it('reports a record whose update failed, so the DLQ delivers it again', async () => {
    store.seed(jobRecord({ jobId: jobIdOf(first) }), jobRecord({ jobId: jobIdOf(second) }));
    store.beforeMove = (key) => {
      if (key.jobId === jobIdOf(second)) throw new Error('ThrottlingException');
    };
    expect(await handler(sample)).toEqual({ batchItemFailures: [{ itemIdentifier: second.messageId }] });
    expect(store.record(OWNER, jobIdOf(first))?.jobStatus).toBe('failed');
    expect(store.record(OWNER, jobIdOf(second))?.jobStatus).toBe('queued');
  });
});
