import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handler } from '../../../src/functions/job-status.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent, loadEvent } from '../../support/events.js';
import { fakeJobsTable, jobRecord, OTHER_OWNER, OWNER } from './fake-jobs-table.js';

process.env.JOBS_TABLE_NAME = 'jobs-table';
process.env.RESULTS_BUCKET_NAME = 'results-bucket';
// The function reads its pagination key from Secrets Manager, by the ARN in its environment.
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PaginationSecret-AbCdEf';
process.env.PAGINATION_SECRET_ARN = SECRET_ARN;
const secrets = mockClient(SecretsManagerClient);
secrets
  .on(GetSecretValueCommand, { SecretId: SECRET_ARN })
  .resolves({ SecretString: 'unit-test-pagination-secret-0123456789' });
delete process.env.PRESIGNED_URL_EXPIRY_SECONDS;
delete process.env.AWS_ENDPOINT_URL_S3;
delete process.env.AWS_ENDPOINT_URL;
process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const table = fakeJobsTable();
const statusSample = loadEvent('job-status');
const listSample = loadEvent('list-jobs');
const sampleJobId = statusSample.pathParameters?.jobId as string;

type Response = { statusCode: number; contentType: string; body: Record<string, unknown> };
async function call(event: APIGatewayProxyEvent, operationId: string): Promise<Response> {
  const result = await handler(event);
  const response = {
    statusCode: result.statusCode,
    contentType: result.headers?.['Content-Type'] as string,
    body: JSON.parse(result.body) as Record<string, unknown>,
  };
  expect(contractViolations(operationId, response.statusCode, response.contentType, response.body)).toEqual(
    [],
  );
  return response;
}

const as = (sub: string, sample: APIGatewayProxyEvent) =>
  ({ ...sample.requestContext, authorizer: { ...sample.requestContext.authorizer, sub } }) as never;

function getStatus(jobId: string, sub = OWNER) {
  return call(
    apiEvent('job-status', {
      path: `/job-status/${jobId}`,
      pathParameters: { jobId },
      requestContext: as(sub, statusSample),
    }),
    'getJobStatus',
  );
}

function list(query: Record<string, string> | null, sub = OWNER) {
  return call(
    apiEvent('list-jobs', { queryStringParameters: query, requestContext: as(sub, listSample) }),
    'listJobs',
  );
}

describe('GET /job-status/{jobId}', () => {
  it('shows the owner a complete job with a short-lived presigned link to its result', async () => {
    table.put(
      jobRecord({
        jobId: sampleJobId,
        jobType: 'word-count',
        jobStatus: 'complete',
        updatedAt: '2026-11-25T02:10:03.000Z',
        resultKey: `results/${OWNER}/${sampleJobId}.json`,
      }),
    );
    const { statusCode, body } = await call(loadEvent('job-status'), 'getJobStatus');

    expect(statusCode).toBe(200);
    expect(body).toEqual({
      jobId: sampleJobId,
      jobType: 'word-count',
      jobStatus: 'complete',
      createdAt: '2026-11-25T02:10:00.000Z',
      updatedAt: '2026-11-25T02:10:03.000Z',
      jobProcessedPayload: expect.any(String),
    });
    const url = new URL(body.jobProcessedPayload as string);
    expect(url.protocol).toBe('https:');
    expect(url.hostname).toBe('results-bucket.s3.us-east-1.amazonaws.com');
    expect(url.pathname).toBe(`/results/${OWNER}/${sampleJobId}.json`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    // The payload is never read back for a status.
    expect(table.ddb.commandCalls(GetCommand).at(-1)?.args[0].input.ProjectionExpression).not.toContain(
      'payload',
    );
  });

  it('shows a queued job without a link, and a failed job with its error', async () => {
    table.put(jobRecord({ jobId: 'queued-1' }));
    table.put(
      jobRecord({ jobId: 'failed-1', jobStatus: 'failed', error: 'word-count needs a string "text" field' }),
    );

    const queued = await getStatus('queued-1');
    expect(queued.statusCode).toBe(200);
    expect(queued.body).toMatchObject({ jobStatus: 'queued' });
    expect(queued.body).not.toHaveProperty('jobProcessedPayload');

    const failed = await getStatus('failed-1');
    expect(failed.body).toMatchObject({
      jobStatus: 'failed',
      error: 'word-count needs a string "text" field',
    });
    expect(failed.body).not.toHaveProperty('jobProcessedPayload');
  });

  it("answers another user's job and an unknown id with the same 404 problem, after one lookup", async () => {
    table.put(jobRecord({ jobId: 'theirs-1', ownerId: OTHER_OWNER, jobStatus: 'complete', resultKey: 'k' }));
    table.ddb.resetHistory();

    const theirs = await getStatus('theirs-1', OWNER);
    const unknown = await getStatus('no-such-job', OWNER);

    expect(theirs.statusCode).toBe(404);
    expect(theirs.contentType).toBe('application/problem+json');
    expect(theirs).toEqual(unknown);
    expect(table.ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key)).toEqual([
      { ownerId: OWNER, jobId: 'theirs-1' },
      { ownerId: OWNER, jobId: 'no-such-job' },
    ]);
    // And the owner does see it.
    expect((await getStatus('theirs-1', OTHER_OWNER)).statusCode).toBe(200);
  });

  it('refuses a malformed job id with 400 before any lookup', async () => {
    table.ddb.resetHistory();
    const result = await getStatus('../etc/passwd');
    expect(result.statusCode).toBe(400);
    expect(table.ddb.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('GET /jobs', () => {
  const owner = 'lister-1';
  beforeAll(() => {
    for (let i = 0; i < 5; i++) {
      table.put(
        jobRecord({
          ownerId: owner,
          jobId: `job-${i}`,
          createdAt: `2026-11-25T03:00:0${i}.000Z`,
          jobStatus: i === 4 ? 'complete' : 'queued',
          ...(i === 4 ? { resultKey: `results/${owner}/job-4.json` } : {}),
        }),
      );
    }
    table.put(
      jobRecord({ ownerId: 'someone-else', jobId: 'not-mine', createdAt: '2026-11-25T09:00:00.000Z' }),
    );
  });

  it("lists only the caller's jobs, newest first, with links for complete ones", async () => {
    const { statusCode, body } = await list(null, owner);
    expect(statusCode).toBe(200);
    const items = body.items as { jobId: string; jobProcessedPayload?: string }[];
    expect(items.map((j) => j.jobId)).toEqual(['job-4', 'job-3', 'job-2', 'job-1', 'job-0']);
    expect(items[0]?.jobProcessedPayload).toContain(`/results/${owner}/job-4.json`);
    expect(body).not.toHaveProperty('nextToken');
    const query = table.ddb.commandCalls(QueryCommand).at(-1)?.args[0].input;
    expect(query).toMatchObject({ IndexName: 'ByOwnerCreatedAt', ScanIndexForward: false, Limit: 20 });
  });

  it('pages with limit and an opaque nextToken until the end', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const { statusCode, body } = await list({ limit: '2', ...(token ? { nextToken: token } : {}) }, owner);
      expect(statusCode).toBe(200);
      seen.push(...(body.items as { jobId: string }[]).map((j) => j.jobId));
      token = body.nextToken as string | undefined;
      if (token) expect(token).not.toContain('lister-1');
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(['job-4', 'job-3', 'job-2', 'job-1', 'job-0']);
    expect(pages).toBe(3);
  });

  it("refuses a tampered nextToken, or another user's, with 400", async () => {
    const { body } = await list({ limit: '2' }, owner);
    const token = body.nextToken as string;
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ownerId: 'someone-else', jobId: 'not-mine', createdAt: '2026-11-25T09:00:00.000Z' }),
    ).toString('base64url');

    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(1)}x`, 'garbage']) {
      const result = await list({ nextToken: bad }, owner);
      expect(result.statusCode).toBe(400);
      expect(result.body).toMatchObject({ status: 400 });
    }
    // A valid token replayed by another user is refused too.
    expect((await list({ nextToken: token }, 'someone-else')).statusCode).toBe(400);
  });

  it.each([['0'], ['101'], ['ten']])('refuses limit=%s with 400', async (limit) => {
    expect((await list({ limit }, owner)).statusCode).toBe(400);
  });

  it('accepts the maximum limit of 100', async () => {
    expect((await list({ limit: '100' }, owner)).statusCode).toBe(200);
    expect(table.ddb.commandCalls(QueryCommand).at(-1)?.args[0].input.Limit).toBe(100);
  });
});

describe('the pagination key', () => {
  it('is read from Secrets Manager by its ARN once per container, not from the environment', async () => {
    const sample = loadEvent('list-jobs');
    for (let i = 0; i < 3; i++) expect((await handler(sample)).statusCode).toBe(200);
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: SECRET_ARN },
    ]);
  });
});
