/**
 * Jobs, black-box, on any stack: submit -> complete (polled) -> the result downloaded through its
 * presigned link and checked; owner scoping; Idempotency-Key; payload limits; listing. What only the
 * local stack can show (records injected into the queue, the dead-letter path, the result objects in
 * the bucket, log lines) is in tests/local-stack/jobs-queue.test.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  createApiClient,
  type ApiClient as Api,
  type JobType,
  type SubmitJobRequest,
} from '../../api/client.js';
import { checked } from '../support/api-responses.js';
import { eventually } from '../support/eventually.js';
import { apiAs, type TestUser } from '../support/users.js';
import { useStackUnderTest } from './support/suite.js';

const suite = useStackUnderTest();
let ann: TestUser;
let bob: TestUser;

beforeAll(async () => {
  [ann, bob] = await Promise.all([
    suite.users.create({ label: 'ann' }),
    suite.users.create({ label: 'bob' }),
  ]);
}, 60_000);

async function submit(api: Api, body: { jobType: JobType; payload: Record<string, unknown> }, key?: string) {
  const res = await api.POST('/submit-job-request', {
    // Loosely typed on purpose: some tests submit payloads the contract refuses.
    body: body as SubmitJobRequest,
    params: { header: key === undefined ? {} : { 'Idempotency-Key': key } },
  });
  checked('submitJob', res);
  return res;
}

async function statusOf(api: Api, jobId: string) {
  const res = await api.GET('/job-status/{jobId}', { params: { path: { jobId } } });
  checked('getJobStatus', res);
  return res;
}

/** Polls the status until the job is complete or failed (a deployed queue takes a few seconds). */
const finished = (api: Api, jobId: string) =>
  eventually(
    `job ${jobId} finished`,
    async () => {
      const { data } = await statusOf(api, jobId);
      return data && (data.jobStatus === 'complete' || data.jobStatus === 'failed') ? data : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );

/** The result behind a presigned link: no token, only the link's signature. */
async function download(link: string | undefined): Promise<unknown> {
  expect(link).toMatch(/^https?:\/\//);
  const response = await fetch(link ?? '');
  expect(response.status).toBe(200);
  return response.json();
}

describe('submit -> complete -> download', () => {
  it('a word-count job completes and its result downloads through the presigned link', async () => {
    const api = apiAs(suite.stack, ann);
    const payload = { text: 'The quick brown fox jumps over the lazy dog.\nThe dog sleeps.' };
    const { data, response } = await submit(api, { jobType: 'word-count', payload });
    expect(response.status).toBe(202);
    expect(data).toEqual({ jobId: expect.any(String), jobStatus: 'queued', statusUrl: expect.any(String) });
    const jobId = data?.jobId ?? '';
    expect(data?.statusUrl).toBe(`${suite.stack.baseUrl}/job-status/${jobId}`);
    expect(response.headers.get('location')).toBe(data?.statusUrl);

    const job = await finished(api, jobId);
    expect(job).toMatchObject({ jobId, jobType: 'word-count', jobStatus: 'complete' });
    expect(Date.parse(job.updatedAt)).toBeGreaterThanOrEqual(Date.parse(job.createdAt));
    expect(await download(job.jobProcessedPayload)).toEqual({
      words: 12,
      uniqueWords: 9,
      characters: 60,
      lines: 2,
      topWords: [
        { word: 'the', count: 3 },
        { word: 'dog', count: 2 },
        { word: 'brown', count: 1 },
        { word: 'fox', count: 1 },
        { word: 'jumps', count: 1 },
        { word: 'lazy', count: 1 },
        { word: 'over', count: 1 },
        { word: 'quick', count: 1 },
        { word: 'sleeps', count: 1 },
      ],
    });

    // The status URL is followable as given.
    const followed = await fetch(data?.statusUrl ?? '', {
      headers: { Authorization: `Bearer ${ann.idToken}` },
    });
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ jobId, jobStatus: 'complete' });
  });

  it('an echo job returns its payload, and a sha256 job the digest of its canonical JSON', async () => {
    const api = apiAs(suite.stack, ann);
    const payload = { unicode: 'café ☕', nested: { list: [1, 'two', null], ok: true } };
    const canonical = '{"nested":{"list":[1,"two",null],"ok":true},"unicode":"café ☕"}';
    const [echo, sha] = await Promise.all([
      submit(api, { jobType: 'echo', payload }),
      submit(api, { jobType: 'sha256', payload }),
    ]);
    const [echoed, digested] = await Promise.all([
      finished(api, echo.data?.jobId ?? ''),
      finished(api, sha.data?.jobId ?? ''),
    ]);
    expect(await download(echoed.jobProcessedPayload)).toEqual(payload);
    expect(await download(digested.jobProcessedPayload)).toEqual({
      algorithm: 'sha256',
      digest: createHash('sha256').update(canonical, 'utf8').digest('hex'),
      bytes: Buffer.byteLength(canonical),
    });
  });

  // Ten, not hundreds: a new AWS account may run only 10 Lambda invocations at a time. The volume
  // check (200 jobs, one result object each) is tests/local-stack/jobs-queue.test.ts.
  it('concurrent submissions all complete, each with its own result', async () => {
    const api = apiAs(suite.stack, bob);
    const count = 10;
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) => submit(api, { jobType: 'echo', payload: { i } })),
    );
    expect(responses.map((r) => r.response.status)).toEqual(Array(count).fill(202));
    const ids = responses.map((r) => r.data?.jobId ?? '');
    expect(new Set(ids).size).toBe(count);
    const jobs = await Promise.all(ids.map((id) => finished(api, id)));
    expect(jobs.map((j) => j.jobStatus)).toEqual(Array(count).fill('complete'));
    const results = await Promise.all(jobs.map((j) => download(j.jobProcessedPayload)));
    expect(results).toEqual(Array.from({ length: count }, (_, i) => ({ i })));
  });

  it('a payload its type cannot use is refused at submit with 400 naming the field', async () => {
    const { data, error, response } = await submit(apiAs(suite.stack, ann), {
      jobType: 'word-count',
      payload: { words: 'no text' },
    });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({
      status: 400,
      errors: [{ pointer: '/payload/text', message: 'must be a string' }],
    });
  });

  it('an unknown job type is 400 problem+json', async () => {
    const res = await apiAs(suite.stack, ann).POST('/submit-job-request', {
      body: { jobType: 'rm-rf' as 'echo', payload: {} },
    });
    expect(res.response.status).toBe(400);
    expect(res.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.error).toMatchObject({ status: 400 });
  });

  it('a payload over 256 KiB is 413 naming the limit', async () => {
    const { response, error } = await submit(apiAs(suite.stack, ann), {
      jobType: 'word-count',
      payload: { text: 'x'.repeat(300 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(error?.detail).toContain('262144 bytes (256 KiB)');
  });
});

describe('owner scoping', () => {
  it("another user's job and an unknown id are the same 404 problem, and it is not in their listing", async () => {
    const { data } = await submit(apiAs(suite.stack, ann), { jobType: 'echo', payload: { secret: 'ann' } });
    const jobId = data?.jobId ?? '';
    await finished(apiAs(suite.stack, ann), jobId);

    const theirs = await statusOf(apiAs(suite.stack, bob), jobId);
    const unknown = await statusOf(apiAs(suite.stack, bob), randomUUID());
    expect(theirs.response.status).toBe(404);
    expect(unknown.response.status).toBe(404);
    expect(theirs.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(theirs.error).toEqual(unknown.error);
    expect(JSON.stringify(theirs.error)).not.toContain(ann.sub);

    const bobs = await apiAs(suite.stack, bob).GET('/jobs', { params: { query: { limit: 100 } } });
    expect(bobs.data?.items.map((j) => j.jobId)).not.toContain(jobId);
  });

  it('refuses every jobs route without a token (401)', async () => {
    const anonymous = createApiClient(suite.stack.baseUrl);
    const post = await anonymous.POST('/submit-job-request', { body: { jobType: 'echo', payload: {} } });
    const get = await anonymous.GET('/job-status/{jobId}', { params: { path: { jobId: randomUUID() } } });
    const list = await anonymous.GET('/jobs');
    expect([post.response.status, get.response.status, list.response.status]).toEqual([401, 401, 401]);
  });
});

describe('Idempotency-Key', () => {
  it('a retry with the same key and body is the same job; another body is 422; the key is per user', async () => {
    const api = apiAs(suite.stack, ann);
    const key = `order-${randomUUID()}`;
    const body = { jobType: 'echo' as const, payload: { order: 42 } };
    const first = await submit(api, body, key);
    const retry = await submit(api, body, key);
    expect([first.response.status, retry.response.status]).toEqual([202, 202]);
    expect(retry.data?.jobId).toBe(first.data?.jobId);

    const conflict = await submit(api, { jobType: 'echo', payload: { order: 43 } }, key);
    expect(conflict.response.status).toBe(422);
    expect(conflict.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const bobs = await submit(apiAs(suite.stack, bob), body, key);
    expect(bobs.response.status).toBe(202);
    expect(bobs.data?.jobId).not.toBe(first.data?.jobId);

    expect((await finished(api, first.data?.jobId ?? '')).jobStatus).toBe('complete');
    const listed = await api.GET('/jobs', { params: { query: { limit: 100 } } });
    expect(listed.data?.items.filter((j) => j.jobId === first.data?.jobId)).toHaveLength(1);
  });

  it('an empty key is refused with 400, not taken as a key', async () => {
    // Raw fetch: the header must reach the API present and empty.
    const response = await fetch(`${suite.stack.baseUrl}/submit-job-request`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${ann.idToken}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': '',
      },
      body: JSON.stringify({ jobType: 'echo', payload: {} }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 400 });
  });
});

describe('GET /jobs', () => {
  it("pages through the caller's jobs newest first; a tampered token or another user's token is 400", async () => {
    const dave = await suite.users.create({ label: 'dave' });
    const api = apiAs(suite.stack, dave);
    const submitted: string[] = [];
    for (let i = 0; i < 5; i++)
      submitted.push((await submit(api, { jobType: 'echo', payload: { i } })).data?.jobId ?? '');

    const seen: { jobId: string; createdAt: string }[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const res = await api.GET('/jobs', {
        params: { query: { limit: 2, ...(nextToken ? { nextToken } : {}) } },
      });
      expect(checked('listJobs', res).status).toBe(200);
      expect(res.data?.items.length).toBeLessThanOrEqual(2);
      seen.push(...(res.data?.items ?? []));
      nextToken = res.data?.nextToken;
      pages += 1;
    } while (nextToken && pages < 10);
    expect(seen.map((j) => j.jobId)).toEqual([...submitted].reverse());

    const first = await api.GET('/jobs', { params: { query: { limit: 2 } } });
    const token = first.data?.nextToken ?? '';
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await api.GET('/jobs', { params: { query: { nextToken: tampered } } })).response.status).toBe(
      400,
    );
    const replay = await apiAs(suite.stack, ann).GET('/jobs', { params: { query: { nextToken: token } } });
    expect(replay.response.status).toBe(400);
  });
});
