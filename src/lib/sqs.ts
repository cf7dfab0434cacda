/**
 * The one shape of an SQS-triggered function: Powertools' BatchProcessor with partial batch
 * responses (ReportBatchItemFailures in template.yaml), so only the records that failed go back to
 * the queue. A fully failed batch is reported as item failures too, rather than an invocation
 * error: the same redelivery, clearer logs. A record that cannot finish before the invocation's
 * timeout (less a margin) is reported as failed too, instead of letting the timeout return the
 * whole batch (deadline.ts). What the batch recorded is flushed once, at its end (src/lib/metrics.ts).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DeadlineExceededError, withinDeadline } from './deadline.js';
import { withMetrics } from './metrics.js';
import { logger } from './observability.js';

/** Which delivery of which message a record is, for logs and for the services. */
export interface Delivery {
  messageId: string;
  receiveCount: number;
}

export const deliveryOf = (record: SQSRecord): Delivery => ({
  messageId: record.messageId,
  receiveCount: Number(record.attributes.ApproximateReceiveCount),
});

/**
 * `prepare` runs at each invocation before any record (build the services there): a
 * misconfiguration then fails the whole batch rather than processing anything.
 */
export function sqsBatchHandler(
  handleRecord: (body: string, delivery: Delivery) => Promise<unknown>,
  prepare: () => unknown = () => undefined,
) {
  // One invocation at a time per container, as Lambda runs them, so one processor is safe.
  const processor = new BatchProcessor(EventType.SQS);
  const processRecord = (context?: Context) => async (record: SQSRecord) => {
    const delivery = deliveryOf(record);
    const work = () => handleRecord(record.body, delivery);
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
  const handleBatch = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    if (context) logger.addContext(context);
    prepare();
    const response = await processPartialResponse(event, processRecord(context), processor, {
      ...(context ? { context } : {}),
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
  return withMetrics(handleBatch);
}
