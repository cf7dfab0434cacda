/**
 * What every job type module provides. Its payload and result types are the contract's
 * (`<Type>JobPayload` and `<Type>JobResult` in openapi.yaml, through api/schema.d.ts), and submit
 * validates a payload against that schema before anything is queued: a module never validates
 * what the contract already says.
 */
import type { JobTypeSchemas } from '../../../api/schema.js';
import type { JobType } from '../model.js';

export type JobPayload<T extends JobType = JobType> = JobTypeSchemas[T]['payload'];
export type JobResult<T extends JobType = JobType> = JobTypeSchemas[T]['result'];

/** An uploaded file's bytes, in the order stored, chunk by chunk. */
export type FileChunks = AsyncIterable<Uint8Array>;

export interface JobTypeModule<T extends JobType> {
  /**
   * Computes the result from the payload. It must be deterministic (a redelivered message rewrites
   * the same result bytes) and free of side effects: the processor stores the result.
   * The payload is what was stored at submit, valid then; should a type's schema tighten later, a
   * job queued before may not match it. Throw NonRetryableJobError when the payload cannot work;
   * any other error is retried.
   */
  run(payload: JobPayload<T>): JobResult<T> | Promise<JobResult<T>>;
  /**
   * The same result over an uploaded file (a type that reads files: src/jobs/types/file-inputs.ts),
   * read as a stream and holding no more of it than the result needs. The same rules as `run`.
   */
  runFile?(file: FileChunks): Promise<JobResult<T>>;
}
