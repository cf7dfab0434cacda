/**
 * What can go wrong with jobs. Two families:
 * - domain errors (DomainError) that a submitter or reader is answered with, mapped to
 *   problem+json by src/lib/http/problems.ts;
 * - processing failures, whose class decides where a message goes: a NonRetryableJobError marks
 *   the job `failed` at once (retrying cannot help: the payload is wrong for its type); anything
 *   else is thrown back to the batch processor, so SQS redelivers the message and, after
 *   maxReceiveCount, moves it to the dead-letter queue.
 */
import { DomainError, domainError, type FieldError } from '../lib/errors.js';

/** No job with this id for this owner: another owner's job is "not found" too, word for word. */
export const JobNotFoundError = domainError('JobNotFoundError', 'not-found', 'There is no job with this id.');

/** The payload is over the size a job record may hold. */
export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
  readonly kind = 'too-large';
  constructor(bytes: number, limit: number) {
    super(`The payload is ${bytes} bytes of JSON; the limit is ${limit} bytes (${limit / 1024} KiB).`);
  }
}

/** The payload does not match its job type's payload schema (openapi.yaml). */
export class InvalidJobPayloadError extends DomainError {
  override readonly name = 'InvalidJobPayloadError';
  readonly kind = 'invalid';
  constructor(jobType: string, fields: FieldError[]) {
    super(`The payload does not suit the ${jobType} job type.`, fields);
  }
}

/** An Idempotency-Key must name something: "" would make every keyless retry one job. */
export const EmptyIdempotencyKeyError = domainError(
  'EmptyIdempotencyKeyError',
  'invalid',
  'An Idempotency-Key must not be empty.',
  [{ pointer: '/header/Idempotency-Key', message: 'must not be empty' }],
);

/** The Idempotency-Key was used before with another body. */
export const IdempotencyConflictError = domainError(
  'IdempotencyConflictError',
  'mismatch',
  'This Idempotency-Key was already used with a different request body.',
);

/** The job was recorded but could not be queued; what to do depends on whether a key names it. */
export class JobNotQueuedError extends DomainError {
  override readonly name = 'JobNotQueuedError';
  readonly kind = 'unavailable';
  constructor(withKey: boolean) {
    super(
      withKey
        ? 'The job could not be queued; retry with the same Idempotency-Key.'
        : 'The job could not be queued; submit it again.',
    );
  }
}

/** The record an Idempotency-Key names vanished between two reads (expired): try again. */
export const JobNotRecordedError = domainError(
  'JobNotRecordedError',
  'unavailable',
  'The job could not be recorded; retry.',
);

export class NonRetryableJobError extends Error {
  override readonly name = 'NonRetryableJobError';
}

/** A message on the jobs queue that names no job. Retried, then kept in the DLQ for inspection. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}
