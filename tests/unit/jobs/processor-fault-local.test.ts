// The processor entry on the local stack with the fault switch at 1: every record fails retryably, untouched.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import { handler } from '../../../src/functions/job-processor.js';
import { loadEvent } from '../../support/events.js';

process.env.JOBS_TABLE_NAME = 'jobs-table';
process.env.RESULTS_BUCKET_NAME = 'results-bucket';
process.env.JOB_FAULT_INJECTION_RATE = '1';
process.env.AWS_SAM_LOCAL = 'true';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

it('on the local stack at rate 1, reports every record for redelivery and touches nothing', async () => {
  const event = loadEvent<SQSEvent>('job-processor');
  const response = await handler(event);
  expect(response.batchItemFailures).toEqual(event.Records.map((r) => ({ itemIdentifier: r.messageId })));
  expect(ddb.calls()).toHaveLength(0);
  expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
});
