import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../src/functions/submit-job.js';
import { idempotentJobId, submitJob } from '../../../src/jobs/submit.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent, loadEvent } from '../../support/events.js';
import { fakeJobsTable, OTHER_OWNER, OWNER } from './fake-jobs-table.js';

process.env.JOBS_TABLE_NAME = 'jobs-table';
process.env.JOBS_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs-queue';
process.env.JOB_RETENTION_DAYS = '30';

const table = fakeJobsTable();
const sqs = mockClient(SQSClient);
const sample = loadEvent('submit-job');
const sampleKey = sample.headers['Idempotency-Key'] as string;

beforeEach(() => {
  table.ddb.resetHistory();
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});

function submit(
  body: unknown,
  opts: { key?: string | null; sub?: string } = {},
): Promise<{
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}> {
  const headers: Record<string, string> = { ...(sample.headers as Record<string, string>) };
  delete headers['Idempotency-Key'];
  if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? `key-${Math.random()}`;
  const event = apiEvent('submit-job', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    requestContext: {
      ...sample.requestContext,
      authorizer: { ...sample.requestContext.authorizer, sub: opts.sub ?? OWNER },
    },
  });
  event.headers = headers;
  return handler(event).then((r) => ({
    statusCode: r.statusCode,
    headers: r.headers as Record<string, string>,
    body: JSON.parse(r.body) as Record<string, unknown>,
  }));
}

const expectContract = (r: { statusCode: number; headers: Record<string, string>; body: unknown }) =>
  expect(contractViolations('submitJob', r.statusCode, r.headers['Content-Type'], r.body)).toEqual([]);

describe('POST /submit-job-request', () => {
  it('records the job as queued for the caller, sends only its key, and answers 202 with Location', async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await handler(loadEvent('submit-job'));
    const body = JSON.parse(result.body) as { jobId: string; jobStatus: string; statusUrl: string };

    expect(result.statusCode).toBe(202);
    expectContract({ statusCode: 202, headers: result.headers as Record<string, string>, body });
    expect(body.jobId).toBe(idempotentJobId(OWNER, sampleKey));
    expect(body.jobStatus).toBe('queued');
    // The sample event came through the execute-api URL with stage dev: the link keeps the stage.
    expect(body.statusUrl).toBe(
      `https://abc123.execute-api.us-east-1.amazonaws.com/dev/job-status/${body.jobId}`,
    );
    expect(result.headers?.Location).toBe(body.statusUrl);

    const record = table.get(OWNER, body.jobId);
    expect(record).toMatchObject({
      ownerId: OWNER,
      jobType: 'word-count',
      jobStatus: 'queued',
      attempts: 0,
      payload: JSON.stringify((JSON.parse(sample.body ?? '') as { payload: unknown }).payload),
    });
    expect(record?.createdAt).toBe(record?.updatedAt);
    const thirtyDays = 30 * 24 * 3600;
    expect(record?.expiresAt).toBeGreaterThanOrEqual(before + thirtyDays);
    expect(record?.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + thirtyDays);

    const sends = sqs.commandCalls(SendMessageCommand);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.args[0].input).toEqual({
      QueueUrl: process.env.JOBS_QUEUE_URL,
      MessageBody: JSON.stringify({ ownerId: OWNER, jobId: body.jobId }),
    });
    expect(table.ddb.commandCalls(PutCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(jobId)',
    );
  });

  it('without an Idempotency-Key, each submission is a new job with a random id', async () => {
    const a = await submit({ jobType: 'echo', payload: { n: 1 } }, { key: null });
    const b = await submit({ jobType: 'echo', payload: { n: 1 } }, { key: null });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.body.jobId).not.toBe(b.body.jobId);
    expect(a.body.jobId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an unknown job type with 400 from the spec validator, recording nothing', async () => {
    const result = await submit({ jobType: 'rm-rf', payload: {} });
    expect(result.statusCode).toBe(400);
    expectContract(result);
    expect(result.body.errors).toEqual([expect.objectContaining({ pointer: '/jobType' })]);
    expect(table.ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('refuses a payload its job type cannot use with 400 naming the field, queueing nothing', async () => {
    for (const payload of [{}, { text: 42 }, { text: ['a'] }]) {
      const result = await submit({ jobType: 'word-count', payload });
      expect(result.statusCode).toBe(400);
      expectContract(result);
      expect(result.body.errors).toEqual([{ pointer: '/payload/text', message: 'must be a string' }]);
    }
    expect(table.ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it.each([
    ['a payload that is not an object', { jobType: 'echo', payload: [1, 2] }],
    ['a missing payload', { jobType: 'echo' }],
    ['an unknown field', { jobType: 'echo', payload: {}, priority: 'high' }],
    ['a body that is not JSON', '{"jobType":'],
  ])('refuses %s with 400', async (_, body) => {
    const result = await submit(body);
    expect(result.statusCode).toBe(400);
    expectContract(result);
    expect(table.ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('refuses an Idempotency-Key outside the spec (empty, control characters, too long) with 400', async () => {
    for (const key of ['', 'has space', 'x'.repeat(129)]) {
      const result = await submit({ jobType: 'echo', payload: {} }, { key });
      expect(result.statusCode).toBe(400);
      const errors = result.body.errors as { pointer: string }[];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((e) => e.pointer)).toEqual(errors.map(() => '/header/Idempotency-Key'));
    }
  });

  it('refuses an empty Idempotency-Key with a 400 problem before any write, never as the key ""', async () => {
    const result = await submit({ jobType: 'echo', payload: {} }, { key: '' });
    expect(result.statusCode).toBe(400);
    expect(result.headers['Content-Type']).toBe('application/problem+json');
    expectContract(result);
    expect(result.body.errors).toContainEqual({
      pointer: '/header/Idempotency-Key',
      message: expect.stringContaining('fewer than 1'),
    });
    expect(table.ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    // The service refuses it too, whoever calls it.
    await expect(
      submitJob(
        { store: {} as never, queue: {} as never, retentionDays: 1 },
        { ownerId: OWNER, jobType: 'echo', payload: {}, idempotencyKey: '' },
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a payload over 256 KiB with 413 naming the limit, and accepts one exactly at it', async () => {
    // {"text":"..."} is 11 bytes of JSON around the text.
    const atLimit = { text: 'a'.repeat(256 * 1024 - 11) };
    expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(262144);

    const over = await submit({ jobType: 'word-count', payload: { text: `${atLimit.text}é` } });
    expect(over.statusCode).toBe(413);
    expect(over.headers['Content-Type']).toBe('application/problem+json');
    expectContract(over);
    expect(over.body.detail).toContain('262144 bytes (256 KiB)');
    expect(over.body.detail).toContain('262146 bytes');
    expect(table.ddb.commandCalls(PutCommand)).toHaveLength(0);

    const at = await submit({ jobType: 'word-count', payload: atLimit });
    expect(at.statusCode).toBe(202);
  });

  it('requires a verified caller (401 without the authorizer context)', async () => {
    const event = apiEvent('submit-job', {
      requestContext: { ...sample.requestContext, authorizer: null },
    });
    const result = await handler(event);
    expect(result.statusCode).toBe(401);
    expect(table.ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('Idempotency-Key', () => {
  it('same key and same body return the same job, with one record', async () => {
    const body = { jobType: 'sha256', payload: { a: 1, b: [true, null] } };
    const first = await submit(body, { key: 'order-42' });
    const again = await submit(body, { key: 'order-42' });
    // Key order is not part of "the same body".
    const reordered = await submit(
      { payload: { b: [true, null], a: 1 }, jobType: 'sha256' },
      { key: 'order-42' },
    );

    expect([first.statusCode, again.statusCode, reordered.statusCode]).toEqual([202, 202, 202]);
    expect(again.body).toEqual(first.body);
    expect(reordered.body).toEqual(first.body);
    expect(again.headers.Location).toBe(first.headers.Location);
    expect(table.all().filter((j) => j.jobId === first.body.jobId)).toHaveLength(1);
    // Still queued, so each replay re-sends: harmless (processing is idempotent) and it recovers a lost enqueue.
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(3);
  });

  it('a replay of a job that already finished returns it without queueing it again', async () => {
    const body = { jobType: 'echo', payload: { done: true } };
    const first = await submit(body, { key: 'finished-1' });
    const record = table.get(OWNER, first.body.jobId as string);
    if (record) record.jobStatus = 'complete';
    sqs.resetHistory();

    const again = await submit(body, { key: 'finished-1' });
    expect(again.statusCode).toBe(202);
    expect(again.body).toMatchObject({ jobId: first.body.jobId, jobStatus: 'complete' });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('same key and a different body is refused with 422 and changes nothing', async () => {
    const first = await submit({ jobType: 'echo', payload: { v: 1 } }, { key: 'reused' });
    const before = structuredClone(table.get(OWNER, first.body.jobId as string));
    sqs.resetHistory();

    const other = await submit({ jobType: 'echo', payload: { v: 2 } }, { key: 'reused' });
    expect(other.statusCode).toBe(422);
    expect(other.headers['Content-Type']).toBe('application/problem+json');
    expectContract(other);
    expect(table.get(OWNER, first.body.jobId as string)).toEqual(before);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);

    const otherType = await submit({ jobType: 'sha256', payload: { v: 1 } }, { key: 'reused' });
    expect(otherType.statusCode).toBe(422);
  });

  it('is scoped per user: two users with the same key get two different jobs', async () => {
    const body = { jobType: 'echo', payload: { same: 'body' } };
    const mine = await submit(body, { key: 'shared-key', sub: OWNER });
    const theirs = await submit(body, { key: 'shared-key', sub: OTHER_OWNER });
    expect([mine.statusCode, theirs.statusCode]).toEqual([202, 202]);
    expect(mine.body.jobId).not.toBe(theirs.body.jobId);
    expect(table.get(OTHER_OWNER, theirs.body.jobId as string)?.ownerId).toBe(OTHER_OWNER);
    // A different body under another user's key is not a conflict either.
    const theirsAgain = await submit(
      { jobType: 'echo', payload: { other: 1 } },
      { key: 'shared-key', sub: 'third' },
    );
    expect(theirsAgain.statusCode).toBe(202);
  });
});

describe('when the queue is unavailable after the record was written', () => {
  it('without a key: 503 problem, and the job is marked failed, not left queued', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('connect ETIMEDOUT'));
    const result = await submit({ jobType: 'echo', payload: { x: 1 } }, { key: null });

    expect(result.statusCode).toBe(503);
    expect(result.headers['Content-Type']).toBe('application/problem+json');
    expect(result.headers['Retry-After']).toEqual(expect.any(String));
    expectContract(result);
    expect(JSON.stringify(result.body)).not.toContain('ETIMEDOUT');
    const records = table.all().filter((j) => j.payload === JSON.stringify({ x: 1 }));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ jobStatus: 'failed', error: 'could not be queued' });
  });

  it('with a key: 503, the job stays queued, and a retry with the same key sends it and returns it', async () => {
    sqs.on(SendMessageCommand).rejectsOnce(new Error('ServiceUnavailable')).resolves({ MessageId: 'm-2' });
    const body = { jobType: 'echo', payload: { retry: 'me' } };

    const failed = await submit(body, { key: 'flaky-1' });
    expect(failed.statusCode).toBe(503);
    expectContract(failed);
    const jobId = idempotentJobId(OWNER, 'flaky-1');
    expect(table.get(OWNER, jobId)?.jobStatus).toBe('queued');

    const retried = await submit(body, { key: 'flaky-1' });
    expect(retried.statusCode).toBe(202);
    expect(retried.body).toMatchObject({ jobId, jobStatus: 'queued' });
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input.MessageBody)).toEqual([
      JSON.stringify({ ownerId: OWNER, jobId }),
      JSON.stringify({ ownerId: OWNER, jobId }),
    ]);
  });

  it('a table failure answers 500 problem+json with no internals and queues nothing', async () => {
    table.ddb.on(PutCommand).rejectsOnce(new Error('ProvisionedThroughputExceeded: table jobs-table'));
    const result = await submit({ jobType: 'echo', payload: {} });
    expect(result.statusCode).toBe(500);
    expectContract(result);
    expect(JSON.stringify(result.body)).not.toContain('jobs-table');
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });
});
