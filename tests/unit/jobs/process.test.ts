/** JobProcessor on in-memory ports: at-least-once delivery made safe, step by step. */
import { JobProcessor } from '../../../src/jobs/process.js';
import {
  fixedClock,
  InMemoryJobStore,
  InMemoryResults,
  InMemoryUploads,
  jobRecord,
  OWNER,
} from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

const LATER = '2026-11-25T02:11:00.000Z';
let store: InMemoryJobStore;
let results: InMemoryResults;
let processor: JobProcessor;
let clock: ReturnType<typeof fixedClock>;
let metrics: RecordedMetrics;
/** What happened, in order, across the table and the bucket. */
let journal: string[];

beforeEach(() => {
  store = new InMemoryJobStore();
  results = new InMemoryResults();
  clock = fixedClock(LATER);
  metrics = new RecordedMetrics();
  processor = new JobProcessor({ store, results, files: new InMemoryUploads(), clock, metrics });
  journal = [];
  store.beforeMove = (_, move) => journal.push(`move ${move.to}`);
  results.beforePut = (key) => journal.push(`put ${key}`);
});

const message = (jobId: string) => JSON.stringify({ ownerId: OWNER, jobId });
const delivery = (receiveCount = 1) => ({ messageId: `m-${receiveCount}`, receiveCount });
const process = (jobId: string, receiveCount = 1) =>
  processor.process(message(jobId), delivery(receiveCount));

describe('JobProcessor', () => {
  it('runs the job, writes its result under the owner prefix, then marks it complete', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.\nThe dog sleeps.';
    store.seed(
      jobRecord({ jobId: 'j-echo', payload: JSON.stringify({ a: 1 }) }),
      jobRecord({ jobId: 'j-words', jobType: 'word-count', payload: JSON.stringify({ text }) }),
      jobRecord({ jobId: 'j-sha', jobType: 'sha256', payload: JSON.stringify({ b: 2, a: 1 }) }),
    );
    for (const jobId of ['j-echo', 'j-words', 'j-sha']) {
      await expect(process(jobId)).resolves.toBe('complete');
      expect(store.record(OWNER, jobId)).toMatchObject({
        jobStatus: 'complete',
        resultKey: `results/${OWNER}/${jobId}.json`,
        attempts: 1,
        updatedAt: LATER,
      });
    }
    const result = (jobId: string): unknown =>
      JSON.parse(results.objects.get(`results/${OWNER}/${jobId}.json`) ?? '');
    expect(result('j-echo')).toEqual({ a: 1 });
    expect(result('j-words')).toMatchObject({ words: 12, lines: 2 });
    expect(result('j-sha')).toMatchObject({ algorithm: 'sha256', digest: expect.any(String) });
  });

  it('writes the result before the completing move', async () => {
    store.seed(jobRecord({ jobId: 'j1' }));
    await process('j1');
    expect(journal).toEqual(['move processing', `put results/${OWNER}/j1.json`, 'move complete']);
  });

  it('a redelivered message of a finished job has no side effect: no run, no object, no write', async () => {
    store.seed(
      jobRecord({ jobId: 'done', jobStatus: 'complete', resultKey: 'results/x.json' }),
      jobRecord({ jobId: 'failed', jobStatus: 'failed', error: 'bad' }),
    );
    const before = store.all().map((j) => structuredClone(j));
    await expect(process('done')).resolves.toBe('already-finished');
    await expect(process('failed')).resolves.toBe('already-finished');
    expect(journal).toEqual([]);
    expect(store.all()).toEqual(before);
  });

  it('a payload its type cannot use fails the job with the reason at once, writing no result', async () => {
    // As if queued before the type's rules were tightened.
    store.seed(jobRecord({ jobId: 'j1', jobType: 'word-count', payload: JSON.stringify({ words: 3 }) }));
    await expect(process('j1')).resolves.toBe('failed');
    expect(store.record(OWNER, 'j1')).toMatchObject({
      jobStatus: 'failed',
      error: 'word-count needs a string "text" field in the payload',
    });
    expect(store.record(OWNER, 'j1')?.resultKey).toBeUndefined();
    expect(results.puts).toEqual([]);
  });

  it.each([
    ['an unknown job type', { jobType: 'resize' as never }, 'Unknown job type "resize"'],
    ['a payload that is not JSON', { payload: '{"a":' }, 'The stored payload is not valid JSON'],
    ['a payload that is not an object', { payload: '[1,2]' }, 'The stored payload is not a JSON object'],
  ])('%s fails the job at once', async (_, overrides, error) => {
    store.seed(jobRecord({ jobId: 'j1', ...overrides }));
    await expect(process('j1')).resolves.toBe('failed');
    expect(store.record(OWNER, 'j1')).toMatchObject({ jobStatus: 'failed', error });
  });

  it('a retryable failure is thrown back, leaving the job processing for the redelivery', async () => {
    store.seed(jobRecord({ jobId: 'j1' }));
    results.failPutsOf(`results/${OWNER}/j1.json`);
    await expect(process('j1')).rejects.toThrow('Service Unavailable');
    expect(store.record(OWNER, 'j1')).toMatchObject({ jobStatus: 'processing', attempts: 1 });
  });

  it('a redelivery after a crash mid-processing finishes the job and counts the attempt', async () => {
    store.seed(jobRecord({ jobId: 'j1', jobStatus: 'processing', attempts: 1 }));
    await expect(process('j1', 2)).resolves.toBe('complete');
    expect(store.record(OWNER, 'j1')).toMatchObject({ jobStatus: 'complete', attempts: 2 });
    expect(results.puts).toHaveLength(1);
  });

  it('never overwrites a job another delivery completed while this one was running', async () => {
    store.seed(jobRecord({ jobId: 'j1' }));
    store.beforeMove = (key, move) => {
      if (move.to === 'complete')
        Object.assign(store.record(key.ownerId, key.jobId)!, {
          jobStatus: 'complete',
          resultKey: 'by-the-other-worker',
          updatedAt: 'then',
        });
    };
    await expect(process('j1')).resolves.toBe('finished-elsewhere');
    expect(store.record(OWNER, 'j1')).toMatchObject({
      jobStatus: 'complete',
      resultKey: 'by-the-other-worker',
      updatedAt: 'then',
    });
  });

  it('a failing move to failed does not overwrite a job that was completed meanwhile', async () => {
    store.seed(jobRecord({ jobId: 'j1', jobType: 'word-count', payload: '{}' }));
    store.beforeMove = (key, move) => {
      if (move.to === 'failed') store.record(key.ownerId, key.jobId)!.jobStatus = 'complete';
    };
    await expect(process('j1')).resolves.toBe('finished-elsewhere');
    expect(store.record(OWNER, 'j1')).toMatchObject({ jobStatus: 'complete' });
    expect(store.record(OWNER, 'j1')?.error).toBeUndefined();
  });

  it('the same message delivered twice yields one complete job and identical result bytes', async () => {
    store.seed(jobRecord({ jobId: 'j1', jobType: 'sha256', payload: JSON.stringify({ k: 'v' }) }));
    const first = await process('j1');
    const bytes = results.objects.get(`results/${OWNER}/j1.json`);
    store.record(OWNER, 'j1')!.jobStatus = 'processing'; // the crash case: redelivered before completion
    await process('j1', 2);
    expect([first, store.record(OWNER, 'j1')?.jobStatus]).toEqual(['complete', 'complete']);
    expect(results.objects.get(`results/${OWNER}/j1.json`)).toBe(bytes);
  });

  it('a message for a job that does not exist (expired) is dropped, not retried', async () => {
    await expect(process('ghost')).resolves.toBe('missing');
    expect(journal).toEqual([]);
  });

  it('a message that names no job is thrown back (retried, then kept in the DLQ for inspection)', async () => {
    await expect(processor.process('not json', delivery())).rejects.toThrow('not JSON');
    await expect(processor.process(JSON.stringify({ jobId: 'x' }), delivery())).rejects.toThrow(
      /does not name a job/,
    );
  });

  it('a table outage is thrown back without any write', async () => {
    store.seed(jobRecord({ jobId: 'j1' }));
    store.failNext('get', new Error('timeout'));
    await expect(process('j1')).rejects.toThrow('timeout');
    expect(journal).toEqual([]);
  });
});

describe('JobProcessor metrics', () => {
  // jobRecord's createdAt is 02:10:00.000; the processor picks the job up at LATER, 02:11:00.000.
  it('the queue wait at pick-up, then, once complete, the count by type and the processing time', async () => {
    store.seed(jobRecord({ jobId: 'j1', jobType: 'word-count', payload: JSON.stringify({ text: 'a b' }) }));
    results.beforePut = () => clock.set('2026-11-25T02:11:00.250Z');
    await expect(process('j1')).resolves.toBe('complete');
    expect(metrics.recorded).toEqual([
      { name: 'QueueWait', value: 60_000, dimensions: {} },
      { name: 'JobCompleted', value: 1, dimensions: { jobType: 'word-count' } },
      { name: 'ProcessingDuration', value: 250, dimensions: {} },
    ]);
  });

  it('a job that cannot work: failed by type, with its processing time', async () => {
    store.seed(jobRecord({ jobId: 'j1', jobType: 'sha256', payload: '[1]' }));
    await expect(process('j1')).resolves.toBe('failed');
    expect(metrics.counts()).toEqual(['JobFailed{jobType=sha256}']);
    expect(metrics.values('ProcessingDuration')).toEqual([0]);
  });

  it('a retried job: its wait once (the first pick-up), its outcome once (the delivery that finishes it)', async () => {
    store.seed(jobRecord({ jobId: 'j1' }));
    results.failPutsOf(`results/${OWNER}/j1.json`);
    await expect(process('j1')).rejects.toThrow('Service Unavailable');
    expect(metrics.recorded).toEqual([{ name: 'QueueWait', value: 60_000, dimensions: {} }]);
    const retry = new InMemoryResults();
    processor = new JobProcessor({ store, results: retry, files: new InMemoryUploads(), clock, metrics });
    await expect(process('j1', 2)).resolves.toBe('complete');
    expect(metrics.values('QueueWait')).toEqual([60_000]);
    expect(metrics.counts()).toEqual(['JobCompleted{jobType=echo}']);
  });

  it('nothing for a delivery that changes nothing: a finished job, a missing one, one finished elsewhere', async () => {
    store.seed(jobRecord({ jobId: 'done', jobStatus: 'complete' }), jobRecord({ jobId: 'raced' }));
    await process('done');
    await process('ghost');
    store.beforeMove = (key, move) => {
      if (move.to === 'complete') store.record(key.ownerId, key.jobId)!.jobStatus = 'failed';
    };
    await expect(process('raced')).resolves.toBe('finished-elsewhere');
    expect(metrics.counts()).toEqual([]);
    expect(metrics.values('ProcessingDuration')).toEqual([]);
  });

  it('a job created a little after the processor clock says now (skew) waited 0 ms, not a negative time', async () => {
    store.seed(jobRecord({ jobId: 'j1', createdAt: '2026-11-25T02:11:00.040Z' }));
    await process('j1');
    expect(metrics.values('QueueWait')).toEqual([0]);
  });
});
