// The processor entry with JOB_FAULT_INJECTION_RATE set outside the local stack: it must refuse to run.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import { handler } from '../../../src/functions/job-processor.js';
import { loadEvent } from '../../support/events.js';

process.env.JOBS_TABLE_NAME = 'jobs-table';
process.env.RESULTS_BUCKET_NAME = 'results-bucket';
process.env.JOB_FAULT_INJECTION_RATE = '0.5';
delete process.env.AWS_SAM_LOCAL;

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

it('refuses to process anything when the fault switch is set outside the local stack', async () => {
  await expect(handler(loadEvent<SQSEvent>('job-processor'))).rejects.toThrow(/local-stack test switch/);
  expect(ddb.calls()).toHaveLength(0);
  expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
});
