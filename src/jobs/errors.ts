/**
 * How a job's failure is classified decides where it goes: a NonRetryableJobError marks the job
 * `failed` at once (retrying cannot help: the payload is wrong for its type); anything else is
 * thrown back to the batch processor, so SQS redelivers the message and, after maxReceiveCount,
 * moves it to the dead-letter queue.
 */
export class NonRetryableJobError extends Error {
  override readonly name = 'NonRetryableJobError';
}

/** A message on the jobs queue that names no job. Retried, then kept in the DLQ for inspection. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}
