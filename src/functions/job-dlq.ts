import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { once } from '../lib/config.js';
import { logger } from '../lib/observability.js';
import { documentClient } from '../jobs/aws/clients.js';
import { DynamoJobStore } from '../jobs/aws/dynamo-job-store.js';
import { jobMaxReceiveCount, jobsTableName } from '../jobs/config.js';
import { failDeadLetteredJob, type DeadLetterDeps } from '../jobs/dead-letter.js';

const deps = once((): DeadLetterDeps => ({
  store: new DynamoJobStore(documentClient(), jobsTableName()),
  maxReceiveCount: jobMaxReceiveCount(),
}));

const processor = new BatchProcessor(EventType.SQS);

const processRecord = async (record: SQSRecord) => {
  await failDeadLetteredJob(deps(), record.body, {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
  });
};

/** SQS-triggered by the jobs DLQ: marks each dead-lettered job failed; a failed update is retried. */
export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  if (context) logger.addContext(context);
  deps();
  return processPartialResponse(event, processRecord, processor, {
    ...(context ? { context } : {}),
    throwOnFullBatchFailure: false,
  });
};
