/**
 * What the job services need from the outside world. The AWS adapters in ./aws/ implement these;
 * services take them as arguments, so their rules are tested without AWS.
 */
import type { JobKey, JobMessage, JobRecord, JobStatus } from './model.js';

/** A job as listed or shown: the record without its payload. */
export type JobSummary = Pick<
  JobRecord,
  'ownerId' | 'jobId' | 'jobType' | 'jobStatus' | 'createdAt' | 'updatedAt' | 'resultKey' | 'error'
>;

export interface JobMove {
  /** Every state the job may be in for the move to happen (a conditional write). */
  from: JobStatus[];
  to: JobStatus;
  at: string;
  resultKey?: string;
  error?: string;
}

export interface JobPageRequest {
  limit: number;
  /** The key to resume after, as a previous page's `lastKey`. */
  startKey?: Record<string, string | number>;
}

export interface JobStore {
  /** Writes a new job unless one with the same key exists. Returns false when it already existed. */
  create(job: JobRecord): Promise<boolean>;
  /** One strongly consistent read by owner and id; undefined for none. */
  get(key: JobKey): Promise<JobRecord | undefined>;
  /** Reads the fields shown to the owner (not the payload). */
  summary(key: JobKey): Promise<JobSummary | undefined>;
  /** Moves the job if it is in one of `move.from`. Returns false when it was not (nothing changed). */
  move(key: JobKey, move: JobMove): Promise<boolean>;
  /** The owner's jobs, newest first. */
  listByOwner(
    ownerId: string,
    page: JobPageRequest,
  ): Promise<{ items: JobSummary[]; lastKey?: Record<string, string | number> }>;
}

export interface JobQueue {
  send(message: JobMessage): Promise<void>;
}

export interface ResultStore {
  put(key: string, body: string): Promise<void>;
  /** A presigned GET URL for `key`, valid for `expiresInSeconds`. */
  presignGet(key: string, expiresInSeconds: number): Promise<string>;
}
