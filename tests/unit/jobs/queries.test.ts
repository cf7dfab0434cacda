/** JobQueries on in-memory ports: owner-scoped reads, result links, signed page tokens. */
import { JobNotFoundError } from '../../../src/jobs/errors.js';
import { JobQueries } from '../../../src/jobs/status.js';
import { InvalidPageTokenError, pageTokenCodec } from '../../../src/lib/pagination.js';
import {
  InMemoryJobStore,
  InMemoryResults,
  jobRecord,
  OTHER_OWNER,
  OWNER,
} from '../../support/fakes/jobs.js';

const tokens = pageTokenCodec('unit-test-pagination-secret-0123456789');
let store: InMemoryJobStore;
let queries: JobQueries;

beforeEach(() => {
  store = new InMemoryJobStore();
  queries = new JobQueries({
    store,
    links: new InMemoryResults(),
    urlExpirySeconds: 900,
    tokens: () => Promise.resolve(tokens),
  });
});

describe('a job status', () => {
  it('shows the owner a complete job with a link to its result, valid for the configured time', async () => {
    store.seed(
      jobRecord({
        jobId: 'j1',
        jobType: 'word-count',
        jobStatus: 'complete',
        updatedAt: '2026-11-25T02:10:03.000Z',
        resultKey: `results/${OWNER}/j1.json`,
      }),
    );
    expect(await queries.status(OWNER, 'j1')).toEqual({
      jobId: 'j1',
      jobType: 'word-count',
      jobStatus: 'complete',
      createdAt: '2026-11-25T02:10:00.000Z',
      updatedAt: '2026-11-25T02:10:03.000Z',
      jobProcessedPayload: `https://results.example/results/${OWNER}/j1.json?expires=900`,
    });
    // The summary, never the payload.
    expect(store.calls).toEqual(['summary j1']);
  });

  it('shows a queued job without a link, and a failed job with its error', async () => {
    store.seed(
      jobRecord({ jobId: 'queued-1' }),
      jobRecord({ jobId: 'failed-1', jobStatus: 'failed', error: 'why' }),
    );
    const queued = await queries.status(OWNER, 'queued-1');
    expect(queued).toMatchObject({ jobStatus: 'queued' });
    expect(queued).not.toHaveProperty('jobProcessedPayload');
    const failed = await queries.status(OWNER, 'failed-1');
    expect(failed).toMatchObject({ jobStatus: 'failed', error: 'why' });
    expect(failed).not.toHaveProperty('jobProcessedPayload');
  });

  it("answers another user's job and an unknown id with the same error, after one owner-scoped lookup", async () => {
    store.seed(jobRecord({ jobId: 'theirs-1', ownerId: OTHER_OWNER, jobStatus: 'complete', resultKey: 'k' }));
    const theirs = await queries.status(OWNER, 'theirs-1').catch((e: unknown) => e);
    const unknown = await queries.status(OWNER, 'no-such-job').catch((e: unknown) => e);
    expect(theirs).toBeInstanceOf(JobNotFoundError);
    expect(theirs).toEqual(unknown);
    expect(store.calls).toEqual(['summary theirs-1', 'summary no-such-job']);
    await expect(queries.status(OTHER_OWNER, 'theirs-1')).resolves.toMatchObject({ jobId: 'theirs-1' });
  });
});

describe('a listing', () => {
  const owner = 'lister-1';
  beforeEach(() => {
    for (let i = 0; i < 5; i++)
      store.seed(
        jobRecord({
          ownerId: owner,
          jobId: `job-${i}`,
          createdAt: `2026-11-25T03:00:0${i}.000Z`,
          jobStatus: i === 4 ? 'complete' : 'queued',
          ...(i === 4 ? { resultKey: `results/${owner}/job-4.json` } : {}),
        }),
      );
    store.seed(
      jobRecord({ ownerId: 'someone-else', jobId: 'not-mine', createdAt: '2026-11-25T09:00:00.000Z' }),
    );
  });

  it("has only the caller's jobs, newest first, with links for complete ones", async () => {
    const page = await queries.list(owner, { limit: 20 });
    expect(page.items.map((j) => j.jobId)).toEqual(['job-4', 'job-3', 'job-2', 'job-1', 'job-0']);
    expect(page.items[0]?.jobProcessedPayload).toContain(`/results/${owner}/job-4.json`);
    expect(page).not.toHaveProperty('nextToken');
  });

  it('pages with an opaque nextToken until the end', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await queries.list(owner, { limit: 2, nextToken });
      seen.push(...page.items.map((j) => j.jobId));
      nextToken = page.nextToken;
      if (nextToken) expect(nextToken).not.toContain(owner);
      pages++;
    } while (nextToken && pages < 10);
    expect(seen).toEqual(['job-4', 'job-3', 'job-2', 'job-1', 'job-0']);
    expect(pages).toBe(3);
  });

  it("refuses a tampered token, garbage, or another user's token, before any read", async () => {
    const { nextToken } = await queries.list(owner, { limit: 2 });
    const [payload, signature] = (nextToken ?? '').split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ownerId: 'someone-else', jobId: 'not-mine' })).toString(
      'base64url',
    );
    store.calls.length = 0;
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(1)}x`, 'garbage'])
      await expect(queries.list(owner, { limit: 2, nextToken: bad })).rejects.toThrow(InvalidPageTokenError);
    await expect(queries.list('someone-else', { limit: 2, nextToken })).rejects.toThrow(
      InvalidPageTokenError,
    );
    expect(store.calls).toEqual([]);
  });
});
