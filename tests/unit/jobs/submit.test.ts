/** SubmitJobs on in-memory ports: recording, queueing, idempotency, limits and enqueue failures. */
import {
  EmptyIdempotencyKeyError,
  IdempotencyConflictError,
  InvalidJobPayloadError,
  JobNotQueuedError,
  JobNotRecordedError,
  PayloadTooLargeError,
} from '../../../src/jobs/errors.js';
import {
  idempotentJobId,
  MAX_PAYLOAD_BYTES,
  SubmitJobs,
  type SubmitInput,
} from '../../../src/jobs/submit.js';
import {
  fixedClock,
  InMemoryJobQueue,
  InMemoryJobStore,
  InMemoryUploads,
  OTHER_OWNER,
  OWNER,
} from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

const NOW = '2026-11-25T02:10:00.000Z';
let store: InMemoryJobStore;
let queue: InMemoryJobQueue;
let jobs: SubmitJobs;
let metrics: RecordedMetrics;
let ids = 0;

beforeEach(() => {
  store = new InMemoryJobStore();
  queue = new InMemoryJobQueue();
  metrics = new RecordedMetrics();
  jobs = new SubmitJobs({
    store,
    queue,
    retentionDays: 30,
    clock: fixedClock(NOW),
    metrics,
    files: new InMemoryUploads(),
    newJobId: () => `random-${++ids}`,
  });
});

const input = (overrides: Partial<SubmitInput> = {}): SubmitInput => ({
  ownerId: OWNER,
  jobType: 'echo',
  payload: { n: 1 },
  ...overrides,
});

describe('SubmitJobs', () => {
  it('records the job as queued for its owner, then sends its key and type', async () => {
    const payload = { text: 'The quick brown fox' };
    const job = await jobs.submit(input({ jobType: 'word-count', payload, idempotencyKey: 'k-1' }));

    expect(job).toEqual({ jobId: idempotentJobId(OWNER, 'k-1'), jobStatus: 'queued' });
    expect(store.record(OWNER, job.jobId)).toEqual({
      ownerId: OWNER,
      jobId: job.jobId,
      jobType: 'word-count',
      jobStatus: 'queued',
      payload: JSON.stringify(payload),
      requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdAt: NOW,
      updatedAt: NOW,
      expiresAt: Date.parse(NOW) / 1000 + 30 * 24 * 3600,
      attempts: 0,
    });
    expect(queue.sent).toEqual([{ ownerId: OWNER, jobId: job.jobId, jobType: 'word-count' }]);
    expect(store.calls).toEqual([`create ${job.jobId}`]);
  });

  it('without an Idempotency-Key, each submission is a new job', async () => {
    const a = await jobs.submit(input());
    const b = await jobs.submit(input());
    expect(a.jobId).not.toBe(b.jobId);
    expect(store.all()).toHaveLength(2);
  });

  it("refuses a payload its type's contract schema refuses, naming each field, and records nothing", async () => {
    for (const payload of [{}, { text: 42 }, { text: ['a'] }, { words: 'no text' }]) {
      const failure = jobs.submit(input({ jobType: 'word-count', payload } as never));
      await expect(failure).rejects.toThrow(InvalidJobPayloadError);
      await expect(failure).rejects.toMatchObject({
        detail: 'The payload does not suit the word-count job type.',
        fields: [{ pointer: '/payload/text', message: 'must be a string' }],
      });
    }
    expect(store.calls).toEqual([]);
    expect(queue.sent).toEqual([]);
  });

  it('refuses a payload over 256 KiB of JSON, and accepts one exactly at it', async () => {
    // {"text":"..."} is 11 bytes of JSON around the text.
    const atLimit = { text: 'a'.repeat(MAX_PAYLOAD_BYTES - 11) };
    expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(262144);
    const over = jobs.submit(input({ jobType: 'word-count', payload: { text: `${atLimit.text}é` } }));
    await expect(over).rejects.toThrow(PayloadTooLargeError);
    await expect(over).rejects.toThrow(
      'The payload is 262146 bytes of JSON; the limit is 262144 bytes (256 KiB).',
    );
    expect(store.calls).toEqual([]);
    await expect(jobs.submit(input({ jobType: 'word-count', payload: atLimit }))).resolves.toMatchObject({
      jobStatus: 'queued',
    });
  });

  it('refuses an empty Idempotency-Key, whoever calls it, before any write', async () => {
    await expect(jobs.submit(input({ idempotencyKey: '' }))).rejects.toThrow(EmptyIdempotencyKeyError);
    expect(store.calls).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('same key and same body return the same job, with one record; key order is not part of the body', async () => {
    const first = await jobs.submit(
      input({ jobType: 'sha256', payload: { a: 1, b: [true, null] }, idempotencyKey: 'k' }),
    );
    const again = await jobs.submit(
      input({ jobType: 'sha256', payload: { a: 1, b: [true, null] }, idempotencyKey: 'k' }),
    );
    const reordered = await jobs.submit(
      input({ jobType: 'sha256', payload: { b: [true, null], a: 1 }, idempotencyKey: 'k' }),
    );
    expect(again).toEqual(first);
    expect(reordered).toEqual(first);
    expect(store.all()).toHaveLength(1);
    // Still queued, so each replay re-sends: harmless (processing is idempotent) and it recovers a lost enqueue.
    expect(queue.sent).toHaveLength(3);
  });

  it('a replay of a job that already finished returns it without queueing it again', async () => {
    const first = await jobs.submit(input({ idempotencyKey: 'finished-1' }));
    store.record(OWNER, first.jobId)!.jobStatus = 'complete';
    const again = await jobs.submit(input({ idempotencyKey: 'finished-1' }));
    expect(again).toEqual({ jobId: first.jobId, jobStatus: 'complete' });
    expect(queue.sent).toHaveLength(1);
  });

  it('same key and another body (or another type) is refused and changes nothing', async () => {
    const first = await jobs.submit(input({ payload: { v: 1 }, idempotencyKey: 'reused' }));
    const before = structuredClone(store.record(OWNER, first.jobId));
    await expect(jobs.submit(input({ payload: { v: 2 }, idempotencyKey: 'reused' }))).rejects.toThrow(
      IdempotencyConflictError,
    );
    await expect(
      jobs.submit(input({ jobType: 'sha256', payload: { v: 1 }, idempotencyKey: 'reused' })),
    ).rejects.toThrow(IdempotencyConflictError);
    expect(store.record(OWNER, first.jobId)).toEqual(before);
    expect(queue.sent).toHaveLength(1);
  });

  it('is scoped per user: two users with the same key get two different jobs', async () => {
    const mine = await jobs.submit(input({ idempotencyKey: 'shared-key' }));
    const theirs = await jobs.submit(
      input({ ownerId: OTHER_OWNER, payload: { other: 1 }, idempotencyKey: 'shared-key' }),
    );
    expect(mine.jobId).not.toBe(theirs.jobId);
    expect(store.record(OTHER_OWNER, theirs.jobId)?.ownerId).toBe(OTHER_OWNER);
  });

  it('a record that vanished between the create and the read (expired) asks for a retry', async () => {
    await jobs.submit(input({ idempotencyKey: 'gone' }));
    const vanishing = new InMemoryJobStore();
    vanishing.seed(store.record(OWNER, idempotentJobId(OWNER, 'gone'))!);
    vanishing.get = () => Promise.resolve(undefined); // expired by TTL right after the create lost
    const replaying = new SubmitJobs({
      store: vanishing,
      queue,
      retentionDays: 30,
      clock: fixedClock(NOW),
      metrics: new RecordedMetrics(),
      files: new InMemoryUploads(),
    });
    await expect(replaying.submit(input({ idempotencyKey: 'gone' }))).rejects.toThrow(JobNotRecordedError);
  });
});

describe('when the queue is unavailable after the record was written', () => {
  it('without a key: JobNotQueuedError asking to submit again, and the job is marked failed, not left queued', async () => {
    queue.failNext();
    const failure = jobs.submit(input({ payload: { x: 1 } }));
    await expect(failure).rejects.toThrow(JobNotQueuedError);
    await expect(failure).rejects.toThrow('The job could not be queued; submit it again.');
    expect(store.all()).toEqual([
      expect.objectContaining({ jobStatus: 'failed', error: 'could not be queued', updatedAt: NOW }),
    ]);
  });

  it('with a key: the job stays queued, and a retry with the same key sends it and returns it', async () => {
    queue.failNext();
    const failure = jobs.submit(input({ payload: { retry: 'me' }, idempotencyKey: 'flaky-1' }));
    await expect(failure).rejects.toThrow(
      'The job could not be queued; retry with the same Idempotency-Key.',
    );
    const jobId = idempotentJobId(OWNER, 'flaky-1');
    expect(store.record(OWNER, jobId)?.jobStatus).toBe('queued');

    await expect(
      jobs.submit(input({ payload: { retry: 'me' }, idempotencyKey: 'flaky-1' })),
    ).resolves.toEqual({
      jobId,
      jobStatus: 'queued',
    });
    expect(queue.sent).toEqual([{ ownerId: OWNER, jobId, jobType: 'echo' }]);
  });

  it('a replay whose send fails again asks for another retry with the key', async () => {
    await jobs.submit(input({ idempotencyKey: 'twice' }));
    queue.failNext();
    await expect(jobs.submit(input({ idempotencyKey: 'twice' }))).rejects.toThrow(JobNotQueuedError);
  });

  it('a failure to mark the unqueued job is logged, and the caller still hears the job was not queued', async () => {
    queue.failNext();
    store.failNext('move');
    await expect(jobs.submit(input())).rejects.toThrow(JobNotQueuedError);
    expect(store.all()[0]?.jobStatus).toBe('queued');
  });

  it('a table failure is not a domain error (a 500 upstream), and nothing is queued', async () => {
    store.failNext('create', new Error('ProvisionedThroughputExceeded'));
    await expect(jobs.submit(input())).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(queue.sent).toEqual([]);
  });
});

describe('metrics', () => {
  it('counts each new job as submitted, by type; a replay is not a new submission', async () => {
    await jobs.submit(input({ jobType: 'word-count', payload: { text: 'a b' }, idempotencyKey: 'k' }));
    await jobs.submit(input({ jobType: 'word-count', payload: { text: 'a b' }, idempotencyKey: 'k' }));
    await jobs.submit(input());
    expect(metrics.counts()).toEqual(['JobSubmitted{jobType=word-count}', 'JobSubmitted{jobType=echo}']);
  });

  it('counts nothing for a refused submission', async () => {
    await expect(jobs.submit(input({ payload: { x: 'y'.repeat(MAX_PAYLOAD_BYTES) } }))).rejects.toThrow(
      PayloadTooLargeError,
    );
    await jobs.submit(input({ idempotencyKey: 'same' }));
    await expect(jobs.submit(input({ payload: { other: 1 }, idempotencyKey: 'same' }))).rejects.toThrow(
      IdempotencyConflictError,
    );
    expect(metrics.counts()).toEqual(['JobSubmitted{jobType=echo}']);
  });

  it('counts a job that could not be queued as failed once marked so, and not as submitted', async () => {
    queue.failNext();
    await expect(jobs.submit(input())).rejects.toThrow(JobNotQueuedError);
    expect(metrics.counts()).toEqual(['JobFailed{jobType=echo}']);
    // With a key it stays queued (a retry sends it): not failed.
    queue.failNext();
    await expect(jobs.submit(input({ idempotencyKey: 'k2' }))).rejects.toThrow(JobNotQueuedError);
    expect(metrics.counts()).toEqual(['JobFailed{jobType=echo}']);
  });
});

describe('idempotent job ids', () => {
  it('are UUID-shaped (version 8, RFC variant) and match the contract jobId pattern', () => {
    expect(idempotentJobId('user-1', 'key-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('are stable per (user, key) and differ across users and keys', () => {
    expect(idempotentJobId('user-1', 'key-1')).toBe(idempotentJobId('user-1', 'key-1'));
    expect(idempotentJobId('user-2', 'key-1')).not.toBe(idempotentJobId('user-1', 'key-1'));
    expect(idempotentJobId('user-1', 'key-2')).not.toBe(idempotentJobId('user-1', 'key-1'));
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(idempotentJobId('ab', 'c')).not.toBe(idempotentJobId('a', 'bc'));
  });
});
