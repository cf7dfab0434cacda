import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { once } from '../lib/config.js';
import { logger } from '../lib/observability.js';
import { documentClient, s3Client } from '../jobs/aws/clients.js';
import { DynamoJobStore } from '../jobs/aws/dynamo-job-store.js';
import { S3ResultStore } from '../jobs/aws/s3-result-store.js';
import { jobsTableName, resultsBucketName } from '../jobs/config.js';
import { processJobMessage, type ProcessDeps } from '../jobs/process.js';

// Read at the first invocation, before any record: a misconfiguration fails the whole batch rather
// than processing anything.
const deps = once((): ProcessDeps => ({
  store: new DynamoJobStore(documentClient(), jobsTableName()),
  results: new S3ResultStore(s3Client(), resultsBucketName()),
}));

const processor = new BatchProcessor(EventType.SQS);

const processRecord = async (record: SQSRecord) => {
  const delivery = {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
  };
  try {
    await processJobMessage(deps(), record.body, delivery);
  } catch (error) {
    logger.warn('record failed; it goes back to the queue', { ...delivery, error: error as Error });
    throw error;
  }
};

/** SQS-triggered: processes each job of the batch; only the records that failed go back to the queue. */
export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  if (context) logger.addContext(context);
  deps();
  const response = await processPartialResponse(event, processRecord, processor, {
    ...(context ? { context } : {}),
    // Report a fully failed batch as item failures too, rather than an invocation error: same redelivery, clearer logs.
    throwOnFullBatchFailure: false,
  });
  if (response.batchItemFailures.length > 0) {
    logger.warn('batch had failures', {
      failed: response.batchItemFailures.length,
      of: event.Records.length,
    });
  }
  return response;
};
