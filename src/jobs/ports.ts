/**
 * What the job services need from the outside world. The AWS adapters in ./aws/ implement these;
 * services take them in their constructors, so their rules are tested on in-memory fakes
 * (tests/support/fakes/jobs.ts), which one contract suite holds to the same behaviour as the
 * DynamoDB adapter (tests/integration/job-store.test.ts).
 */
import type { JobKey, JobMessage, JobRecord, JobStatus, JobSummary } from './model.js';

export interface JobMove {
  /** Every state the job may be in for the move to happen (a conditional write). */
  from: JobStatus[];
  to: JobStatus;
  at: string;
  resultKey?: string;
  error?: string;
  /** Removes the error of an earlier failure (a retry). */
  clearError?: boolean;
}

/** Where a listing resumes: a previous page's `lastKey`, opaque to the services. */
export type JobPageKey = Record<string, string | number>;

export interface JobPageRequest {
  limit: number;
  startKey?: JobPageKey;
}

export interface JobPage {
  items: JobSummary[];
  /** Where the next page starts; absent on the last page. */
  lastKey?: JobPageKey;
}

export interface JobStore {
  /** Writes a new job unless one with the same key exists. Returns false when it already existed. */
  create(job: JobRecord): Promise<boolean>;
  /** One strongly consistent read by owner and id; undefined for none. */
  get(key: JobKey): Promise<JobRecord | undefined>;
  /** Reads the fields shown to the owner (SUMMARY_FIELDS, not the payload). */
  summary(key: JobKey): Promise<JobSummary | undefined>;
  /** Moves the job if it is in one of `move.from`. Returns false when it was not (nothing changed). */
  move(key: JobKey, move: JobMove): Promise<boolean>;
  /** The owner's jobs, newest first. */
  listByOwner(ownerId: string, page: JobPageRequest): Promise<JobPage>;
}

export interface JobQueue {
  send(message: JobMessage): Promise<void>;
}

/** Where the processor writes results. */
export interface ResultWriter {
  put(key: string, body: string): Promise<void>;
}

/** How an owner gets a result: a link that needs no credentials and expires. */
export interface ResultLinks {
  /** A presigned GET URL for `key`, valid for `expiresInSeconds`. */
  presignGet(key: string, expiresInSeconds: number): Promise<string>;
}

/** How a caller gets an upload link: a presigned S3 POST whose policy S3 itself enforces. */
export interface UploadLinks {
  presignPost(request: UploadLinkRequest): Promise<{ url: string; fields: Record<string, string> }>;
}

export interface UploadLinkRequest {
  key: string;
  contentType: string;
  /** The exact size the file must have: the policy's content-length-range is [bytes, bytes]. */
  bytes: number;
  expiresInSeconds: number;
}

/** Uploaded files, as submit checks them and the processor reads them. */
export interface UploadFiles {
  /** The stored object's Content-Type, or undefined when there is no object at `key`. */
  contentTypeOf(key: string): Promise<string | undefined>;
  /**
   * The object's bytes, streamed. Throws UploadUnreadableError when it is gone or may not be read
   * (retrying cannot help); any other error is a transient failure.
   */
  open(key: string): Promise<AsyncIterable<Uint8Array>>;
}
