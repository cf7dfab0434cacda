/** DeadLetters on in-memory ports: a dead-lettered job is marked failed, once, conditionally. */
import { DeadLetters } from '../../../src/jobs/dead-letter.js';
import { fixedClock, InMemoryJobStore, jobRecord, OWNER } from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

const LATER = '2026-11-25T03:00:00.000Z';
let store: InMemoryJobStore;
let letters: DeadLetters;
let metrics: RecordedMetrics;
beforeEach(() => {
  store = new InMemoryJobStore();
  metrics = new RecordedMetrics();
  letters = new DeadLetters({ store, maxReceiveCount: 3, clock: fixedClock(LATER), metrics });
});

const fail = (body: string) => letters.fail(body, { messageId: 'm1', receiveCount: 1 });
const message = (jobId: string) => JSON.stringify({ ownerId: OWNER, jobId });

describe('DeadLetters', () => {
  it('marks a queued or processing job failed with the receive count, with one move and no read', async () => {
    store.seed(jobRecord({ jobId: 'q' }), jobRecord({ jobId: 'p', jobStatus: 'processing', attempts: 3 }));
    await expect(fail(message('q'))).resolves.toBe('failed');
    await expect(fail(message('p'))).resolves.toBe('failed');
    for (const jobId of ['q', 'p'])
      expect(store.record(OWNER, jobId)).toMatchObject({
        jobStatus: 'failed',
        error: 'processing failed after 3 attempts',
        updatedAt: LATER,
      });
    expect(store.calls).toEqual(['move q', 'move p']);
  });

  it('leaves a job that finished meanwhile exactly as it was', async () => {
    store.seed(
      jobRecord({ jobId: 'c', jobStatus: 'complete', resultKey: 'results/k.json' }),
      jobRecord({ jobId: 'f', jobStatus: 'failed', error: 'word-count needs text' }),
    );
    const before = store.all().map((j) => structuredClone(j));
    await expect(fail(message('c'))).resolves.toBe('unchanged');
    await expect(fail(message('f'))).resolves.toBe('unchanged');
    expect(store.all()).toEqual(before);
  });

  it('consumes a message that names no job (nothing to mark; retrying cannot help)', async () => {
    await expect(fail('<xml/>')).resolves.toBe('unidentifiable');
    expect(store.calls).toEqual([]);
  });

  it('never creates a job for a message about one that no longer exists', async () => {
    await expect(fail(message('expired-job'))).resolves.toBe('unchanged');
    expect(store.record(OWNER, 'expired-job')).toBeUndefined();
  });

  it('throws a failed update back, so the DLQ delivers the message again', async () => {
    store.seed(jobRecord({ jobId: 'q' }));
    store.failNext('move', new Error('ThrottlingException'));
    await expect(fail(message('q'))).rejects.toThrow('ThrottlingException');
    expect(store.record(OWNER, 'q')?.jobStatus).toBe('queued');
  });
});

describe('DeadLetters metrics', () => {
  const typed = (jobId: string, jobType: string) => JSON.stringify({ ownerId: OWNER, jobId, jobType });

  it('counts a job it marks failed by the type its message names, without reading the job', async () => {
    store.seed(
      jobRecord({ jobId: 'w', jobType: 'word-count' }),
      jobRecord({ jobId: 's', jobType: 'sha256' }),
    );
    await fail(typed('w', 'word-count'));
    await fail(typed('s', 'sha256'));
    expect(metrics.counts()).toEqual(['JobFailed{jobType=word-count}', 'JobFailed{jobType=sha256}']);
    expect(store.calls).toEqual(['move w', 'move s']);
  });

  it('counts a job whose message names no type (queued before messages did) or an unknown one as "unknown"', async () => {
    store.seed(jobRecord({ jobId: 'old' }), jobRecord({ jobId: 'odd' }));
    await fail(message('old'));
    await fail(typed('odd', 'user-1234'));
    expect(metrics.counts()).toEqual(['JobFailed{jobType=unknown}', 'JobFailed{jobType=unknown}']);
  });

  it('counts nothing it did not mark: a finished or missing job, a message naming none', async () => {
    store.seed(jobRecord({ jobId: 'c', jobStatus: 'complete' }));
    await fail(typed('c', 'echo'));
    await fail(typed('gone', 'echo'));
    await fail('<xml/>');
    expect(metrics.counts()).toEqual([]);
  });
});
