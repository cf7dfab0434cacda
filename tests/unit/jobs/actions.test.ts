/** Retry and cancel on in-memory ports: each from the one state it applies to, 409 from any other, 404 for another user's job. */
import { JobActions } from '../../../src/jobs/actions.js';
import { JobProcessor } from '../../../src/jobs/process.js';
import type { JobStatus } from '../../../src/jobs/model.js';
import {
  fixedClock,
  InMemoryJobQueue,
  InMemoryJobStore,
  InMemoryResults,
  InMemoryUploads,
  jobRecord,
  OTHER_OWNER,
  OWNER,
} from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

const LATER = '2026-11-25T02:12:00.000Z';
const STATES: JobStatus[] = ['queued', 'processing', 'complete', 'failed', 'cancelled'];
let store: InMemoryJobStore;
let queue: InMemoryJobQueue;
let actions: JobActions;

beforeEach(() => {
  store = new InMemoryJobStore();
  queue = new InMemoryJobQueue();
  actions = new JobActions({ store, queue, clock: fixedClock(LATER) });
  for (const status of STATES)
    store.seed(
      jobRecord({
        jobId: status,
        jobType: 'word-count',
        jobStatus: status,
        ...(status === 'failed' ? { error: 'boom' } : {}),
      }),
    );
});

describe('retry', () => {
  it('re-queues a failed job: queued again, its error gone, a new message sent', async () => {
    await expect(actions.retry(OWNER, 'failed')).resolves.toEqual({ jobId: 'failed', jobStatus: 'queued' });
    const record = store.record(OWNER, 'failed')!;
    expect(record).toMatchObject({ jobStatus: 'queued', updatedAt: LATER });
    expect(record.error).toBeUndefined();
    expect(queue.sent).toEqual([{ ownerId: OWNER, jobId: 'failed', jobType: 'word-count' }]);
  });

  it.each(STATES.filter((s) => s !== 'failed'))(
    'refuses a %s job with 409 naming its state, changing nothing',
    async (status) => {
      await expect(actions.retry(OWNER, status)).rejects.toMatchObject({
        kind: 'conflict',
        detail: `Only a failed job can be retried; this one is ${status}.`,
      });
      expect(store.record(OWNER, status)?.jobStatus).toBe(status);
      expect(queue.sent).toEqual([]);
    },
  );

  it("answers another user's job, and no job, as not found", async () => {
    for (const [owner, jobId] of [
      [OTHER_OWNER, 'failed'],
      [OWNER, 'nope'],
    ] as const)
      await expect(actions.retry(owner, jobId)).rejects.toMatchObject({ kind: 'not-found' });
    expect(store.record(OWNER, 'failed')?.jobStatus).toBe('failed');
  });

  it('fails the job again (so it can be retried again) when the queue is down, and says 503', async () => {
    queue.failNext();
    await expect(actions.retry(OWNER, 'failed')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(store.record(OWNER, 'failed')).toMatchObject({
      jobStatus: 'failed',
      error: 'could not be queued',
    });
    await expect(actions.retry(OWNER, 'failed')).resolves.toMatchObject({ jobStatus: 'queued' });
  });
});

describe('cancel', () => {
  it('cancels a queued job, which the processor then skips', async () => {
    await expect(actions.cancel(OWNER, 'queued')).resolves.toEqual({
      jobId: 'queued',
      jobStatus: 'cancelled',
    });
    const results = new InMemoryResults();
    const processor = new JobProcessor({
      store,
      results,
      files: new InMemoryUploads(),
      clock: fixedClock(LATER),
      metrics: new RecordedMetrics(),
    });
    await expect(
      processor.process(JSON.stringify({ ownerId: OWNER, jobId: 'queued' }), {
        messageId: 'm',
        receiveCount: 1,
      }),
    ).resolves.toBe('already-finished');
    expect(store.record(OWNER, 'queued')?.jobStatus).toBe('cancelled');
    expect(results.puts).toEqual([]);
  });

  it.each(STATES.filter((s) => s !== 'queued'))(
    'refuses a %s job with 409 naming its state',
    async (status) => {
      await expect(actions.cancel(OWNER, status)).rejects.toMatchObject({
        kind: 'conflict',
        detail: `Only a queued job can be cancelled; this one is ${status}.`,
      });
      expect(store.record(OWNER, status)?.jobStatus).toBe(status);
    },
  );

  it('loses a race with the processor as 409 processing, never cancelling a job already taken', async () => {
    store.beforeMove = (key, move) => {
      if (move.to === 'cancelled') store.record(key.ownerId, key.jobId)!.jobStatus = 'processing';
    };
    await expect(actions.cancel(OWNER, 'queued')).rejects.toMatchObject({
      detail: 'Only a queued job can be cancelled; this one is processing.',
    });
  });

  it("answers another user's job as not found", async () => {
    await expect(actions.cancel(OTHER_OWNER, 'queued')).rejects.toMatchObject({ kind: 'not-found' });
    expect(store.record(OWNER, 'queued')?.jobStatus).toBe('queued');
  });
});
