import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { once } from '../lib/config.js';
import { logger } from '../lib/observability.js';
import { documentClient, s3Client } from '../jobs/aws/clients.js';
import { DynamoJobStore } from '../jobs/aws/dynamo-job-store.js';
import { S3ResultStore } from '../jobs/aws/s3-result-store.js';
import { faultInjectionRate, jobsTableName, resultsBucketName } from '../jobs/config.js';
import { DeadlineExceededError, withinDeadline } from '../jobs/deadline.js';
import { processJobMessage, type ProcessDeps } from '../jobs/process.js';

// Read at the first invocation, before any record: a misconfiguration (such as the fault switch
// outside the local stack) fails the whole batch rather than processing anything.
const deps = once((): ProcessDeps => ({
  store: new DynamoJobStore(documentClient(), jobsTableName()),
  results: new S3ResultStore(s3Client(), resultsBucketName()),
  faults: { rate: faultInjectionRate(), random: Math.random },
}));

const processor = new BatchProcessor(EventType.SQS);

/** A record's processing, bounded by the invocation's deadline when Lambda gives one (deadline.ts). */
const recordProcessor = (context?: Context) => async (record: SQSRecord) => {
  const delivery = {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
  };
  const work = () => processJobMessage(deps(), record.body, delivery);
  try {
    await (context ? withinDeadline(work, () => context.getRemainingTimeInMillis()) : work());
  } catch (error) {
    if (error instanceof DeadlineExceededError)
      logger.warn('record not finished before the timeout; it goes back to the queue', {
        ...delivery,
        reason: error.message,
      });
    else logger.warn('record failed; it goes back to the queue', { ...delivery, error: error as Error });
    throw error;
  }
};

/**
 * SQS-triggered: processes each job of the batch; only the records that failed, or that could not
 * finish before the function's timeout, go back to the queue.
 */
export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  if (context) logger.addContext(context);
  deps();
  const response = await processPartialResponse(event, recordProcessor(context), processor, {
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
