/**
 * Files in, and retry and cancel, black-box on any stack: an upload link, the file posted to it as
 * a browser form, a job over it, its result downloaded; S3 refusing a file of another size; another
 * user's upload not found; a failed job retried; the states retry and cancel refuse. States a test
 * cannot reach on cue from outside (processing, a file gone before it runs) are in
 * tests/local-stack/uploads.test.ts.
 */
import { createApiClient, type ApiClient as Api } from '../../api/client.js';
import { checked } from '../support/api-responses.js';
import { finished, postFile, submitFile, upload, uploadLink } from '../support/uploads.js';
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

/** A deployed stage's queue and cold starts take longer than a local stack's. */
const DEPLOYED_WAIT = { timeoutMs: 60_000, intervalMs: 500 };

const retry = (api: Api, jobId: string) => api.POST('/jobs/{jobId}/retry', { params: { path: { jobId } } });
const cancel = (api: Api, jobId: string) => api.POST('/jobs/{jobId}/cancel', { params: { path: { jobId } } });

describe('upload -> submit -> complete -> download', () => {
  it('a csv-stats job over an uploaded CSV completes and its result downloads', async () => {
    const api = apiAs(suite.stack, ann);
    const { data, response } = await submitFile(
      api,
      'csv-stats',
      await upload(api, 'text/csv', 'n,w\n1,a\n2,b\n'),
    );
    expect(response.status).toBe(202);
    const job = await finished(api, data!.jobId, DEPLOYED_WAIT);
    expect(job).toMatchObject({ jobType: 'csv-stats', jobStatus: 'complete' });
    const result = await fetch(job.jobProcessedPayload!);
    await expect(result.json()).resolves.toEqual({
      rows: 2,
      columns: [
        { name: 'n', type: 'number', empty: 0, min: 1, max: 2 },
        { name: 'w', type: 'string', empty: 0, min: 'a', max: 'b' },
      ],
    });
  });

  it('S3 itself refuses a file larger than the link was made for; the upload is then not found', async () => {
    const api = apiAs(suite.stack, ann);
    const { data } = await uploadLink(api, 'text/plain', 4);
    expect((await postFile(data!, 'more than four bytes')).status).toBe(400);
    expect((await submitFile(api, 'word-count', data!.uploadId)).response.status).toBe(404);
  });

  it("another user's upload is not found, and a link over the limit is refused with 413", async () => {
    const annsUpload = await upload(apiAs(suite.stack, ann), 'text/plain', 'private words');
    expect((await submitFile(apiAs(suite.stack, bob), 'word-count', annsUpload)).response.status).toBe(404);
    expect((await uploadLink(apiAs(suite.stack, ann), 'text/plain', 6 * 1024 ** 3)).response.status).toBe(
      413,
    );
  });

  it('answers without a token 401', async () => {
    const anonymous = createApiClient(suite.stack.baseUrl);
    const res = await anonymous.POST('/uploads', { body: { contentType: 'text/plain', contentLength: 1 } });
    expect(res.response.status).toBe(401);
  });
});

describe('retry and cancel', () => {
  it('a job failed by a malformed CSV can be retried (queued again), and fails again with the reason', async () => {
    const api = apiAs(suite.stack, ann);
    const { data } = await submitFile(api, 'csv-stats', await upload(api, 'text/csv', 'a,b\n1\n'));
    const jobId = data!.jobId;
    expect(await finished(api, jobId, DEPLOYED_WAIT)).toMatchObject({
      jobStatus: 'failed',
      error: expect.stringMatching(/^The CSV is malformed/),
    });
    const retried = await retry(api, jobId);
    checked('retryJob', retried);
    expect([retried.response.status, retried.data?.jobStatus]).toEqual([202, 'queued']);
    expect(await finished(api, jobId, DEPLOYED_WAIT)).toMatchObject({ jobStatus: 'failed' });
    const cancelled = await cancel(api, jobId);
    checked('cancelJob', cancelled);
    expect([cancelled.response.status, cancelled.error?.detail]).toEqual([
      409,
      'Only a queued job can be cancelled; this one is failed.',
    ]);
    expect((await retry(apiAs(suite.stack, bob), jobId)).response.status).toBe(404);
  });

  it('a complete job can be neither retried nor cancelled (409); a cancel right after submit wins or names the state it lost to', async () => {
    const api = apiAs(suite.stack, ann);
    const { data } = await api.POST('/submit-job-request', { body: { jobType: 'echo', payload: { n: 1 } } });
    const jobId = data!.jobId;
    const early = await cancel(api, jobId);
    checked('cancelJob', early);
    const job = await finished(api, jobId, DEPLOYED_WAIT);
    if (early.response.status === 200) expect(job).toMatchObject({ jobStatus: 'cancelled' });
    else {
      expect(early.error?.detail).toMatch(/this one is (processing|complete)\.$/);
      expect(job).toMatchObject({ jobStatus: 'complete' });
      expect((await retry(api, jobId)).response.status).toBe(409);
      expect((await cancel(api, jobId)).response.status).toBe(409);
    }
  });
});
