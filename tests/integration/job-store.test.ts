/**
 * The JobStore contract: one suite, run against the in-memory fake the services' unit tests use
 * (tests/support/fakes/jobs.ts) and against DynamoJobStore on dynalite (in-process, 127.0.0.1, a
 * free port) with the jobs table created from template.yaml's own definition. The conditional
 * writes and the owner index behave as the services assume, and the fake behaves the same.
 */
import { DynamoJobStore } from '../../src/jobs/aws/dynamo-job-store.js';
import { TRANSITIONS, type JobRecord, type JobStatus } from '../../src/jobs/model.js';
import type { JobPageKey, JobStore } from '../../src/jobs/ports.js';
import { startDynalite, type Dynalite } from '../support/dynalite.js';
import { InMemoryJobStore } from '../support/fakes/jobs.js';

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createTable('JobsTable', 'jobs');
});
afterAll(() => dynamo.stop());

const stores: [string, () => JobStore][] = [
  ['the in-memory fake', () => new InMemoryJobStore()],
  ['DynamoJobStore on dynalite', () => new DynamoJobStore(dynamo.documents, 'jobs')],
];

let n = 0;
function job(overrides: Partial<JobRecord> = {}): JobRecord {
  n += 1;
  return {
    ownerId: 'owner-1',
    jobId: `job-${n}`,
    jobType: 'echo',
    jobStatus: 'queued',
    payload: JSON.stringify({ n }),
    requestHash: 'hash',
    createdAt: new Date(Date.UTC(2026, 10, 25, 0, 0, n)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 10, 25, 0, 0, n)).toISOString(),
    expiresAt: 1798164600,
    attempts: 0,
    ...overrides,
  };
}

describe.each(stores)('JobStore: %s', (_, makeStore) => {
  let store: JobStore;
  beforeAll(() => {
    store = makeStore();
  });

  it('creates a job once: a second create with the same key changes nothing', async () => {
    const first = job();
    expect(await store.create(first)).toBe(true);
    expect(await store.create({ ...first, payload: '{"other":true}' })).toBe(false);
    expect(await store.get(first)).toEqual(first);
  });

  it('keeps owners apart: the same job id under another owner is another (absent) job', async () => {
    const mine = job();
    await store.create(mine);
    expect(await store.get({ ownerId: 'owner-2', jobId: mine.jobId })).toBeUndefined();
    expect(await store.summary({ ownerId: 'owner-2', jobId: mine.jobId })).toBeUndefined();
  });

  it('reads a summary without the payload or the request hash', async () => {
    const j = job();
    await store.create(j);
    const summary = await store.summary(j);
    expect(summary).toEqual({
      ownerId: j.ownerId,
      jobId: j.jobId,
      jobType: 'echo',
      jobStatus: 'queued',
      createdAt: j.createdAt,
      updatedAt: j.updatedAt,
    });
  });

  const statuses = Object.keys(TRANSITIONS) as JobStatus[];
  const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));
  it.each(pairs)('moves %s -> %s only if the model allows it', async (from, to) => {
    const j = job({ jobStatus: from });
    await store.create(j);
    const allowed = TRANSITIONS[from].includes(to);
    const sources = statuses.filter((s) => TRANSITIONS[s].includes(to));
    const moved = await store.move(j, { from: sources, to, at: 'later', error: 'why' });
    expect(moved).toBe(allowed);
    const after = await store.get(j);
    expect(after?.jobStatus).toBe(allowed ? to : from);
    expect(after?.updatedAt).toBe(allowed ? 'later' : j.updatedAt);
  });

  it('counts attempts on each move to processing, and records the result key on completion', async () => {
    const j = job();
    await store.create(j);
    expect(await store.move(j, { from: ['queued', 'processing'], to: 'processing', at: 't1' })).toBe(true);
    expect(await store.move(j, { from: ['queued', 'processing'], to: 'processing', at: 't2' })).toBe(true);
    expect(
      await store.move(j, { from: ['processing'], to: 'complete', at: 't3', resultKey: 'results/k' }),
    ).toBe(true);
    expect(await store.get(j)).toMatchObject({ jobStatus: 'complete', attempts: 2, resultKey: 'results/k' });
    // A late failure never overwrites the completed job.
    expect(
      await store.move(j, { from: ['queued', 'processing'], to: 'failed', at: 't4', error: 'late' }),
    ).toBe(false);
    expect(await store.get(j)).toMatchObject({ jobStatus: 'complete', updatedAt: 't3' });
  });

  it('records why a job failed, and shows it in the summary', async () => {
    const j = job();
    await store.create(j);
    expect(
      await store.move(j, { from: ['queued'], to: 'failed', at: 't1', error: 'could not be queued' }),
    ).toBe(true);
    expect(await store.summary(j)).toMatchObject({ jobStatus: 'failed', error: 'could not be queued' });
  });

  it("clears a failed job's error when a retry queues it again, and keeps the upload key of a file job", async () => {
    const j = job({ jobStatus: 'failed', error: 'gone', uploadKey: 'uploads/owner-1/u' });
    await store.create(j);
    expect(await store.move(j, { from: ['failed'], to: 'queued', at: 't1', clearError: true })).toBe(true);
    const after = await store.get(j);
    expect(after).toMatchObject({ jobStatus: 'queued', updatedAt: 't1', uploadKey: 'uploads/owner-1/u' });
    expect(after).not.toHaveProperty('error');
    expect(await store.summary(j)).not.toHaveProperty('error');
  });

  it('never creates a job by moving one that does not exist', async () => {
    const key = { ownerId: 'owner-1', jobId: 'never-created' };
    expect(await store.move(key, { from: ['queued', 'processing'], to: 'failed', at: 't', error: 'x' })).toBe(
      false,
    );
    expect(await store.get(key)).toBeUndefined();
  });

  it('moves nothing when no state may move there', async () => {
    const j = job();
    await store.create(j);
    expect(await store.move(j, { from: [], to: 'queued', at: 't' })).toBe(false);
    expect(await store.get(j)).toEqual(j);
  });

  it("lists one owner's jobs newest first, in pages, without payloads", async () => {
    const owner = `lister-${n}`;
    const created = [];
    for (let i = 0; i < 5; i++) {
      const j = job({ ownerId: owner, ...(i === 4 ? { jobStatus: 'failed', error: 'why' } : {}) });
      created.push(j);
      await store.create(j);
    }
    await store.create(job({ ownerId: 'someone-else' }));

    const seen: string[] = [];
    let startKey: JobPageKey | undefined;
    let pages = 0;
    do {
      const page = await store.listByOwner(owner, { limit: 2, startKey });
      for (const item of page.items) {
        expect(item).not.toHaveProperty('payload');
        expect(item).not.toHaveProperty('requestHash');
      }
      seen.push(...page.items.map((i) => i.jobId));
      if (pages === 0)
        expect(page.items[0]).toMatchObject({ jobStatus: 'failed', error: 'why', jobType: 'echo' });
      startKey = page.lastKey;
      pages += 1;
    } while (startKey && pages < 10);

    expect(seen).toEqual(created.map((j) => j.jobId).reverse());
    expect(pages).toBe(3);
  });
});
