/**
 * The processor honours its function timeout: a record it cannot finish before the deadline (less a
 * margin) is reported as a batch item failure and comes back from the queue, while the records that
 * finished are deleted. Without this, Lambda's timeout would fail the invocation and return the
 * whole batch, finished records included.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { jobProcessorHandler } from '../../../src/functions/job-processor.js';
import { JobProcessor } from '../../../src/jobs/process.js';
import { DEADLINE_MARGIN_MS, DeadlineExceededError, withinDeadline } from '../../../src/lib/deadline.js';
import { loadEvent } from '../../support/events.js';
import {
  fixedClock,
  InMemoryJobStore,
  InMemoryResults,
  InMemoryUploads,
  jobRecord,
  OWNER,
} from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

const sample = loadEvent<SQSEvent>('job-processor');
const [first, second, third] = sample.Records as [SQSRecord, SQSRecord, SQSRecord];
const jobIdOf = (r: SQSRecord) => (JSON.parse(r.body) as { jobId: string }).jobId;
/** A Lambda context with this much time left at every call. */
const contextWith = (remainingMs: number) =>
  ({ getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

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
  for (const r of sample.Records) store.seed(jobRecord({ jobId: jobIdOf(r) }));
});

describe('job processor near its timeout', () => {
  it('reports a record still running at the deadline as failed; the records that finished are done', async () => {
    // The result of `second` never finishes uploading (a hung connection).
    results.hangPutsOf(`results/${OWNER}/${jobIdOf(second)}.json`);
    const response = await handler(sample, contextWith(DEADLINE_MARGIN_MS + 200));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: second.messageId }] });
    expect(store.record(OWNER, jobIdOf(first))?.jobStatus).toBe('complete');
    expect(store.record(OWNER, jobIdOf(third))?.jobStatus).toBe('complete');
    // Safe to redeliver: processing -> processing is allowed after an interruption.
    expect(store.record(OWNER, jobIdOf(second))?.jobStatus).toBe('processing');
  });

  it('starts nothing when the margin is already gone, and reports every record failed, none lost', async () => {
    const response = await handler(sample, contextWith(DEADLINE_MARGIN_MS - 1));

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      sample.Records.map((r) => r.messageId).sort(),
    );
    expect(results.puts).toEqual([]);
    for (const r of sample.Records) expect(store.record(OWNER, jobIdOf(r))?.jobStatus).toBe('queued');
  });

  it('processes the whole batch as before when time is plentiful', async () => {
    const response = await handler(sample, contextWith(30_000));
    expect(response).toEqual({ batchItemFailures: [] });
    for (const r of sample.Records) expect(store.record(OWNER, jobIdOf(r))?.jobStatus).toBe('complete');
  });
});

describe('withinDeadline', () => {
  it("settles with the work's own outcome when it finishes in time", async () => {
    await expect(
      withinDeadline(
        () => Promise.resolve('done'),
        () => 10_000,
        1000,
      ),
    ).resolves.toBe('done');
    await expect(
      withinDeadline(
        () => Promise.reject(new Error('boom')),
        () => 10_000,
        1000,
      ),
    ).rejects.toThrow('boom');
  });

  it('does not start the work when the margin leaves no time', async () => {
    let started = false;
    const work = () => {
      started = true;
      return Promise.resolve();
    };
    await expect(withinDeadline(work, () => 1000, 1000)).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(started).toBe(false);
  });

  it('gives up on work that outlives the deadline', async () => {
    await expect(
      withinDeadline(
        () => new Promise(() => undefined),
        () => 1020,
        1000,
      ),
    ).rejects.toBeInstanceOf(DeadlineExceededError);
  });
});
