/** POST /submit-job-request: the HTTP mapping of SubmitJobs (the service's rules: tests/unit/jobs/submit.test.ts). */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { submitJobHandler } from '../../../src/functions/submit-job.js';
import { JobActions } from '../../../src/jobs/actions.js';
import { idempotentJobId, SubmitJobs } from '../../../src/jobs/submit.js';
import { Uploads } from '../../../src/jobs/uploads.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent, loadEvent } from '../../support/events.js';
import {
  fixedClock,
  InMemoryJobQueue,
  InMemoryJobStore,
  InMemoryUploads,
  jobRecord,
  OTHER_OWNER,
  OWNER,
} from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

let store: InMemoryJobStore;
let queue: InMemoryJobQueue;
let files: InMemoryUploads;
const handler = submitJobHandler(() => ({
  jobs: new SubmitJobs({
    store,
    queue,
    retentionDays: 30,
    clock: fixedClock(),
    metrics: new RecordedMetrics(),
    files,
  }),
  uploads: new Uploads({
    links: files,
    maxBytes: 1000,
    linkExpirySeconds: 600,
    clock: fixedClock(),
    metrics: new RecordedMetrics(),
  }),
  actions: new JobActions({ store, queue, clock: fixedClock() }),
}));
beforeEach(() => {
  store = new InMemoryJobStore();
  queue = new InMemoryJobQueue();
  files = new InMemoryUploads();
});

const sample = loadEvent('submit-job');
const sampleKey = sample.headers['Idempotency-Key'] as string;

async function submit(body: unknown, key: string | null = `key-${Math.random()}`) {
  const headers: Record<string, string> = { ...(sample.headers as Record<string, string>) };
  delete headers['Idempotency-Key'];
  if (key !== null) headers['Idempotency-Key'] = key;
  const event = apiEvent('submit-job', { body: typeof body === 'string' ? body : JSON.stringify(body) });
  event.headers = headers;
  return answer(await handler(event));
}

function answer(result: APIGatewayProxyResult) {
  const headers = result.headers as Record<string, string>;
  const body = JSON.parse(result.body) as Record<string, unknown>;
  expect(contractViolations('submitJob', result.statusCode, headers['Content-Type'], body)).toEqual([]);
  return { status: result.statusCode, headers, body };
}

describe('POST /submit-job-request', () => {
  it('answers 202 with the job, and its status URL in the body and in Location', async () => {
    const { status, headers, body } = answer(await handler(loadEvent('submit-job')));
    expect(status).toBe(202);
    expect(body).toEqual({
      jobId: idempotentJobId(OWNER, sampleKey),
      jobStatus: 'queued',
      // The sample event came through the execute-api URL with stage dev: the link keeps the stage.
      statusUrl: `https://abc123.execute-api.us-east-1.amazonaws.com/dev/job-status/${idempotentJobId(OWNER, sampleKey)}`,
    });
    expect(headers.Location).toBe(body.statusUrl);
    expect(store.record(OWNER, body.jobId as string)).toMatchObject({
      jobType: 'word-count',
      jobStatus: 'queued',
    });
  });

  it('refuses what the contract refuses with 400 naming each field, before the service', async () => {
    for (const [body, pointers] of [
      [{ jobType: 'rm-rf', payload: {} }, ['/jobType']],
      [{ jobType: 'echo', payload: [1, 2] }, ['/payload']],
      // Neither payload nor uploadId: each branch of the contract's oneOf names what it misses.
      [{ jobType: 'echo' }, ['/payload', '/uploadId', '']],
      [{ jobType: 'echo', payload: {}, uploadId: '0b6a3b0e-8f0e-4a4e-9d55-2b1f3c1d2e3f' }, ['']],
      [{ jobType: 'sha256', uploadId: 'not-a-uuid' }, ['/uploadId']],
      [{ jobType: 'echo', payload: {}, priority: 'high' }, ['/priority']],
      ['{"jobType":', ['']],
    ] as const) {
      const r = await submit(body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      expect((r.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(pointers);
    }
    for (const key of ['', 'has space', 'x'.repeat(129)]) {
      const r = await submit({ jobType: 'echo', payload: {} }, key);
      expect(r.status).toBe(400);
      expect(new Set((r.body.errors as { pointer: string }[]).map((e) => e.pointer))).toEqual(
        new Set(['/header/Idempotency-Key']),
      );
    }
    expect(store.calls).toEqual([]);
  });

  it("refuses a payload its type's schema refuses with 400 naming the field", async () => {
    const r = await submit({ jobType: 'word-count', payload: { words: 'no text' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      detail: 'The payload does not suit the word-count job type.',
      errors: [{ pointer: '/payload/text', message: 'must be a string' }],
    });
  });

  it('answers an oversized payload 413, a reused key with another body 422, a queue outage 503 with Retry-After', async () => {
    const big = await submit({ jobType: 'word-count', payload: { text: 'x'.repeat(300 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.body.detail).toContain('262144 bytes (256 KiB)');

    await submit({ jobType: 'echo', payload: { v: 1 } }, 'reused');
    const reused = await submit({ jobType: 'echo', payload: { v: 2 } }, 'reused');
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ type: 'https://problems.jobs-service.dev/unprocessable' });

    queue.failNext();
    const down = await submit({ jobType: 'echo', payload: {} }, null);
    expect(down.status).toBe(503);
    expect(down.headers['Retry-After']).toBe('1');
    expect(down.body.detail).toBe('The job could not be queued; submit it again.');
  });

  it('answers an unexpected failure 500 with no internals', async () => {
    store.failNext('create', new Error('ProvisionedThroughputExceeded: table jobs-table'));
    const r = await submit({ jobType: 'echo', payload: {} });
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain('jobs-table');
  });

  it('requires a verified caller (401 without the authorizer context)', async () => {
    const event = apiEvent('submit-job', { requestContext: { ...sample.requestContext, authorizer: null } });
    expect((await handler(event)).statusCode).toBe(401);
    expect(store.calls).toEqual([]);
  });
});

/** An event for another operation this function serves, as API Gateway sends it. */
function operationEvent(
  operationName: string,
  path: string,
  body?: unknown,
  pathParameters?: Record<string, string>,
) {
  const event = apiEvent('submit-job', {
    resource: path,
    path,
    body: body === undefined ? null : JSON.stringify(body),
    pathParameters: pathParameters ?? null,
    requestContext: { ...sample.requestContext, operationName, resourcePath: path } as never,
  });
  delete event.headers['Idempotency-Key'];
  return event;
}

async function call(operationId: string, path: string, body?: unknown, params?: Record<string, string>) {
  const result = await handler(operationEvent(operationId, path, body, params));
  const headers = result.headers as Record<string, string>;
  const parsed = JSON.parse(result.body) as Record<string, unknown>;
  expect(contractViolations(operationId, result.statusCode, headers['Content-Type'], parsed)).toEqual([]);
  return { status: result.statusCode, headers, body: parsed };
}

describe('POST /uploads', () => {
  it("answers 201 with a link under the caller's prefix", async () => {
    const r = await call('createUpload', '/uploads', {
      contentType: 'text/csv',
      contentLength: 10,
      fileName: 'a.csv',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      method: 'POST',
      fields: { key: `uploads/${OWNER}/${r.body.uploadId as string}` },
    });
  });

  it('refuses an unknown content type or a zero length with 400, and over the limit with 413, before any link', async () => {
    for (const [body, status, pointer] of [
      [{ contentType: 'image/png', contentLength: 10 }, 400, '/contentType'],
      [{ contentType: 'text/csv', contentLength: 0 }, 400, '/contentLength'],
      [{ contentType: 'text/csv', contentLength: 1001 }, 413, '/contentLength'],
    ] as const) {
      const r = await call('createUpload', '/uploads', body);
      expect({ body, status: r.status }).toEqual({ body, status });
      expect((r.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual([pointer]);
    }
    expect(files.links).toEqual([]);
  });
});

describe('POST /jobs/{jobId}/retry and /cancel', () => {
  it('answer 202 with the status URL for a retried failed job, 200 for a cancelled queued one', async () => {
    store.seed(jobRecord({ jobId: 'f', jobStatus: 'failed' }), jobRecord({ jobId: 'q' }));
    const retried = await call('retryJob', '/jobs/f/retry', undefined, { jobId: 'f' });
    expect(retried).toMatchObject({ status: 202, body: { jobId: 'f', jobStatus: 'queued' } });
    expect(retried.headers.Location).toBe(retried.body.statusUrl);
    const cancelled = await call('cancelJob', '/jobs/q/cancel', undefined, { jobId: 'q' });
    expect(cancelled).toMatchObject({ status: 200, body: { jobId: 'q', jobStatus: 'cancelled' } });
  });

  it("answer 409 for a job in another state and 404 for one that is not the caller's", async () => {
    store.seed(
      jobRecord({ jobId: 'c', jobStatus: 'complete' }),
      jobRecord({ jobId: 'o', ownerId: OTHER_OWNER }),
    );
    expect((await call('retryJob', '/jobs/c/retry', undefined, { jobId: 'c' })).status).toBe(409);
    expect((await call('cancelJob', '/jobs/c/cancel', undefined, { jobId: 'c' })).status).toBe(409);
    expect((await call('retryJob', '/jobs/o/retry', undefined, { jobId: 'o' })).status).toBe(404);
    expect((await call('cancelJob', '/jobs/o/cancel', undefined, { jobId: 'o' })).status).toBe(404);
  });
});
