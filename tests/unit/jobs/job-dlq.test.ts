import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { handler } from '../../../src/functions/job-dlq.js';
import { loadEvent } from '../../support/events.js';
import { fakeJobsTable, jobRecord, OWNER } from './fake-jobs-table.js';

process.env.JOBS_TABLE_NAME = 'jobs-table';
process.env.JOB_MAX_RECEIVE_COUNT = '3';

const table = fakeJobsTable();
const sample = loadEvent<SQSEvent>('job-dlq');
const [first, second] = sample.Records as [SQSRecord, SQSRecord];
const jobIdOf = (r: SQSRecord) => (JSON.parse(r.body) as { jobId: string }).jobId;

beforeEach(() => table.ddb.resetHistory());

describe('dead-letter consumer', () => {
  it('marks dead-lettered queued or processing jobs failed, with one update each and no read', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first), jobStatus: 'queued' }));
    table.put(jobRecord({ jobId: jobIdOf(second), jobStatus: 'processing', attempts: 3 }));

    const response = await handler(sample);

    expect(response).toEqual({ batchItemFailures: [] });
    for (const r of sample.Records) {
      expect(table.get(OWNER, jobIdOf(r))).toMatchObject({
        jobStatus: 'failed',
        error: 'processing failed after 3 attempts',
      });
    }
    expect(table.ddb.commandCalls(UpdateCommand)).toHaveLength(2);
    expect(table.ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('leaves a job that finished meanwhile exactly as it was', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first), jobStatus: 'complete', resultKey: 'results/k.json' }));
    table.put(jobRecord({ jobId: jobIdOf(second), jobStatus: 'failed', error: 'word-count needs text' }));
    const before = sample.Records.map((r) => structuredClone(table.get(OWNER, jobIdOf(r))));

    const response = await handler(sample);

    expect(response.batchItemFailures).toEqual([]);
    expect(sample.Records.map((r) => table.get(OWNER, jobIdOf(r)))).toEqual(before);
  });

  it('consumes a message that names no job (nothing to mark; retrying cannot help)', async () => {
    const response = await handler({ Records: [{ ...first, body: '<xml/>' }] });
    expect(response.batchItemFailures).toEqual([]);
    expect(table.ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('never creates a job for a message about one that no longer exists', async () => {
    const response = await handler({
      Records: [{ ...first, body: JSON.stringify({ ownerId: OWNER, jobId: 'expired-job' }) }],
    });
    expect(response.batchItemFailures).toEqual([]);
    expect(table.get(OWNER, 'expired-job')).toBeUndefined();
  });

  it('reports a record whose update failed, so the DLQ delivers it again', async () => {
    table.put(jobRecord({ jobId: jobIdOf(first) }));
    table.put(jobRecord({ jobId: jobIdOf(second) }));
    table.ddb
      .on(UpdateCommand, { Key: { ownerId: OWNER, jobId: jobIdOf(second) } })
      .rejectsOnce(new Error('ThrottlingException'));

    const response = await handler(sample);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: second.messageId }] });
    expect(table.get(OWNER, jobIdOf(first))?.jobStatus).toBe('failed');
    expect(table.get(OWNER, jobIdOf(second))?.jobStatus).toBe('queued');
  });
});
