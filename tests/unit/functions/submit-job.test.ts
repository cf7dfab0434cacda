/** POST /submit-job-request: the HTTP mapping of SubmitJobs (the service's rules: tests/unit/jobs/submit.test.ts). */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { submitJobHandler } from '../../../src/functions/submit-job.js';
import { idempotentJobId, SubmitJobs } from '../../../src/jobs/submit.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent, loadEvent } from '../../support/events.js';
import { fixedClock, InMemoryJobQueue, InMemoryJobStore, OWNER } from '../../support/fakes/jobs.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

let store: InMemoryJobStore;
let queue: InMemoryJobQueue;
const handler = submitJobHandler(
  () =>
    new SubmitJobs({ store, queue, retentionDays: 30, clock: fixedClock(), metrics: new RecordedMetrics() }),
);
beforeEach(() => {
  store = new InMemoryJobStore();
  queue = new InMemoryJobQueue();
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
      [{ jobType: 'echo' }, ['/payload']],
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
