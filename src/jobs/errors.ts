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

/** An upload link for a file over the limit (the UploadMaxBytes template parameter). */
export class UploadTooLargeError extends DomainError {
  override readonly name = 'UploadTooLargeError';
  readonly kind = 'too-large';
  constructor(bytes: number, limit: number) {
    super(`The file is ${bytes} bytes; the limit is ${limit} bytes.`, [
      { pointer: '/contentLength', message: `must be at most ${limit}` },
    ]);
  }
}

/** No uploaded file by this id for this caller: another user's upload is "not found" too. */
export const UploadNotFoundError = domainError(
  'UploadNotFoundError',
  'not-found',
  'There is no uploaded file with this uploadId: it was never posted to its link, or it has expired.',
);

/** The job type does not read files of the upload's content type (or any file). */
export class UploadNotReadableByTypeError extends DomainError {
  override readonly name = 'UploadNotReadableByTypeError';
  readonly kind = 'invalid';
  constructor(jobType: string, contentType: string, readable: readonly string[]) {
    super(
      readable.length === 0
        ? `The ${jobType} job type does not read files; send a payload instead.`
        : `The ${jobType} job type does not read ${contentType} files (it reads ${readable.join(', ')}).`,
      [{ pointer: '/uploadId', message: `is a ${contentType} file` }],
    );
  }
}

/** A submit names both a payload and an upload, or neither. */
export const PayloadOrUploadError = domainError(
  'PayloadOrUploadError',
  'invalid',
  'Send either payload or uploadId, not both and not neither.',
  [{ pointer: '', message: 'must have exactly one of payload, uploadId' }],
);

/** A retry or cancel of a job whose state it does not apply to. */
export class JobStateConflictError extends DomainError {
  override readonly name = 'JobStateConflictError';
  readonly kind = 'conflict';
  constructor(action: 'retried' | 'cancelled', status: string) {
    super(
      action === 'retried'
        ? `Only a failed job can be retried; this one is ${status}.`
        : `Only a queued job can be cancelled; this one is ${status}.`,
    );
  }
}

/** A retried job could not be queued again; it is failed again and may be retried. */
export const RetryNotQueuedError = domainError(
  'RetryNotQueuedError',
  'unavailable',
  'The job could not be queued again; retry it again.',
);

export class NonRetryableJobError extends Error {
  override readonly name = 'NonRetryableJobError';
}

/** A message on the jobs queue that names no job. Retried, then kept in the DLQ for inspection. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/** A file job's upload is gone (expired, deleted) or may not be read: the job fails with this reason. */
export class UploadUnreadableError extends NonRetryableJobError {
  constructor(reason: string) {
    super(`The uploaded file could not be read: ${reason}`);
  }
}
