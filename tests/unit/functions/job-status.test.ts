/** GET /job-status/{jobId} and GET /jobs: the HTTP mapping of JobQueries (its rules: tests/unit/jobs/queries.test.ts). */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { jobStatusHandler } from '../../../src/functions/job-status.js';
import { JobQueries } from '../../../src/jobs/status.js';
import { pageTokenCodec } from '../../../src/lib/pagination.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent, loadEvent } from '../../support/events.js';
import {
  InMemoryJobStore,
  InMemoryResults,
  jobRecord,
  OTHER_OWNER,
  OWNER,
} from '../../support/fakes/jobs.js';

const store = new InMemoryJobStore();
const handler = jobStatusHandler(
  () =>
    new JobQueries({
      store,
      links: new InMemoryResults(),
      urlExpirySeconds: 900,
      tokens: () => Promise.resolve(pageTokenCodec('unit-test-pagination-secret-0123456789')),
    }),
);

const statusSample = loadEvent('job-status');
const listSample = loadEvent('list-jobs');
const sampleJobId = statusSample.pathParameters?.jobId as string;
const as = (sub: string, sample: APIGatewayProxyEvent) =>
  ({ ...sample.requestContext, authorizer: { ...sample.requestContext.authorizer, sub } }) as never;

async function call(event: APIGatewayProxyEvent, operationId: string) {
  const result = await handler(event);
  const body = JSON.parse(result.body) as Record<string, unknown>;
  expect(
    contractViolations(operationId, result.statusCode, result.headers?.['Content-Type'] as string, body),
  ).toEqual([]);
  return { status: result.statusCode, body };
}
const getStatus = (jobId: string, sub = OWNER) =>
  call(
    apiEvent('job-status', {
      path: `/job-status/${jobId}`,
      pathParameters: { jobId },
      requestContext: as(sub, statusSample),
    }),
    'getJobStatus',
  );
const list = (query: Record<string, string> | null, sub = OWNER) =>
  call(
    apiEvent('list-jobs', { queryStringParameters: query, requestContext: as(sub, listSample) }),
    'listJobs',
  );

describe('GET /job-status/{jobId}', () => {
  it("answers the owner's job 200 as the contract says", async () => {
    store.seed(
      jobRecord({
        jobId: sampleJobId,
        jobStatus: 'complete',
        resultKey: `results/${OWNER}/${sampleJobId}.json`,
      }),
    );
    const { status, body } = await call(loadEvent('job-status'), 'getJobStatus');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      jobId: sampleJobId,
      jobStatus: 'complete',
      jobProcessedPayload: expect.any(String),
    });
  });

  it("answers another user's job and an unknown id with the same 404 problem", async () => {
    store.seed(jobRecord({ jobId: 'theirs-1', ownerId: OTHER_OWNER }));
    const theirs = await getStatus('theirs-1');
    expect(theirs).toEqual(await getStatus('no-such-job'));
    expect(theirs).toEqual({
      status: 404,
      body: {
        type: 'https://problems.jobs-service.dev/not-found',
        title: 'Not Found',
        status: 404,
        detail: 'There is no job with this id.',
      },
    });
  });

  it('refuses a malformed job id with 400 before any lookup', async () => {
    store.calls.length = 0;
    expect((await getStatus('../etc/passwd')).status).toBe(400);
    expect(store.calls).toEqual([]);
  });
});

describe('GET /jobs', () => {
  it('uses the contract default page size when no limit is given, and accepts 1 to 100', async () => {
    const lister = 'lister-of-many';
    for (let i = 0; i < 101; i++) store.seed(jobRecord({ ownerId: lister, jobId: `job-${i}` }));
    const items = async (query: Record<string, string> | null) => {
      const { status, body } = await list(query, lister);
      expect(status).toBe(200);
      return (body.items as unknown[]).length;
    };
    expect(await items(null)).toBe(20);
    expect(await items({ limit: '100' })).toBe(100);
    for (const limit of ['0', '101', 'ten']) expect((await list({ limit }, lister)).status).toBe(400);
  });

  it('answers a token this listing did not issue with 400 pointing at nextToken', async () => {
    const { status, body } = await list({ nextToken: 'garbage' });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { pointer: '/query/nextToken', message: 'is not a token this listing issued' },
    ]);
  });
});
