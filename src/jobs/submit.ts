/**
 * Submitting a job: record it in the table (`queued`), then send its key to the queue.
 *
 * Idempotency (per user): with an Idempotency-Key the job id is derived from (owner, key), so a
 * retried request targets the same record. The create is conditional (attribute_not_exists); if
 * the record exists, the stored hash of the canonical body decides: same body -> the same job
 * (same id), another body -> IdempotencyConflictError. A replay whose job is still `queued` sends the message
 * again: processing is idempotent, so a duplicate message is harmless, and this is what lets a
 * client recover by retrying after an enqueue failure.
 *
 * Enqueue failure after the record was written (no transaction spans DynamoDB and SQS):
 * - without a key, no retry can reach this record, so it is conditionally marked `failed`
 *   ("could not be queued") and the client is told (JobNotQueuedError) to submit again;
 * - with a key, it stays `queued` and the client is told to retry with the same key, which
 *   re-sends it (see above).
 * Either way no job is left `queued` with nothing that will ever process it, short of the client
 * abandoning a keyed retry; such a record expires with the table's TTL.
 * (Powertools idempotency was not used: it caches a response in a separate table, and here the
 * replay must re-send a still-queued job and compare bodies per user, which the job record does.)
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../lib/clock.js';
import type { MetricsRecorder } from '../lib/metrics-port.js';
import { logger } from '../lib/observability.js';
import { canonicalJson } from './canonical-json.js';
import {
  EmptyIdempotencyKeyError,
  IdempotencyConflictError,
  InvalidJobPayloadError,
  JobNotQueuedError,
  JobNotRecordedError,
  PayloadOrUploadError,
  PayloadTooLargeError,
  UploadNotFoundError,
  UploadNotReadableByTypeError,
} from './errors.js';
import { uploadKeyOf, type JobRecord, type JobStatus, type JobType } from './model.js';
import type { JobQueue, JobStore, UploadFiles } from './ports.js';
import { FILE_CONTENT_TYPES, readsFile } from './file-inputs.js';
import type { JobPayload } from './types/index.js';
import { payloadProblems } from './types/payloads.js';

/** A job record holds its payload; a DynamoDB item may hold 400 KB, so the payload gets 256 KiB. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
const DAY_SECONDS = 24 * 60 * 60;

export interface SubmitJobsDeps {
  store: JobStore;
  queue: JobQueue;
  /** Days until the record expires (the table's TTL). */
  retentionDays: number;
  clock: Clock;
  metrics: MetricsRecorder;
  /** Where uploaded files are checked (that they exist, and their content type). */
  files: UploadFiles;
  newJobId?: () => string;
}

/** A job's input: a payload, or an uploaded file (exactly one; the contract says so). */
export interface SubmitInput {
  ownerId: string;
  jobType: JobType;
  payload?: JobPayload;
  uploadId?: string;
  idempotencyKey?: string;
}

export interface Submitted {
  jobId: string;
  jobStatus: JobStatus;
}

export class SubmitJobs {
  constructor(private readonly deps: SubmitJobsDeps) {}

  async submit(input: SubmitInput): Promise<Submitted> {
    if ((input.payload === undefined) === (input.uploadId === undefined)) throw new PayloadOrUploadError();
    // The file's record is its id: a replay with the same key and the same upload is the same body.
    const body = input.uploadId === undefined ? input.payload : { uploadId: input.uploadId };
    const payload = JSON.stringify(body);
    const bytes = Buffer.byteLength(payload, 'utf8');
    if (bytes > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(bytes, MAX_PAYLOAD_BYTES);
    // The contract says minLength 1 (the request validator checks it); an empty key must never name a job.
    if (input.idempotencyKey === '') throw new EmptyIdempotencyKeyError();
    const uploadKey =
      input.uploadId === undefined
        ? undefined
        : await this.checkedUpload(input.ownerId, input.jobType, input.uploadId);
    if (uploadKey === undefined) {
      const problems = payloadProblems(input.jobType, input.payload, '/payload');
      if (problems.length > 0) throw new InvalidJobPayloadError(input.jobType, problems);
    }

    const now = this.deps.clock();
    const at = now.toISOString();
    const key = input.idempotencyKey;
    const job: JobRecord = {
      ownerId: input.ownerId,
      jobId: key === undefined ? (this.deps.newJobId ?? randomUUID)() : idempotentJobId(input.ownerId, key),
      jobType: input.jobType,
      jobStatus: 'queued',
      payload,
      ...(uploadKey === undefined ? {} : { uploadKey }),
      requestHash: requestHash(input.jobType, body),
      createdAt: at,
      updatedAt: at,
      expiresAt: Math.floor(now.getTime() / 1000) + this.deps.retentionDays * DAY_SECONDS,
      attempts: 0,
    };

    if (!(await this.deps.store.create(job))) return this.replay(job);

    try {
      await this.deps.queue.send(job);
    } catch (error) {
      logger.error('job could not be queued', { jobId: job.jobId, error: error as Error });
      if (key === undefined) await this.markUnqueued(job);
      throw new JobNotQueuedError(key !== undefined);
    }
    logger.info('job queued', { jobId: job.jobId, jobType: job.jobType, bytes });
    this.deps.metrics.record('JobSubmitted', 1, { jobType: job.jobType });
    return { jobId: job.jobId, jobStatus: job.jobStatus };
  }

  /**
   * The caller's upload, there and readable by the job type: its key. The key is under the caller's
   * prefix, so another user's uploadId finds nothing here (404, as for their jobs). A HeadObject, so
   * a file that was never posted to its link, or has expired, is refused now rather than failing later.
   */
  private async checkedUpload(ownerId: string, jobType: JobType, uploadId: string): Promise<string> {
    if (FILE_CONTENT_TYPES[jobType].length === 0) throw new UploadNotReadableByTypeError(jobType, '', []);
    const key = uploadKeyOf(ownerId, uploadId);
    const contentType = await this.deps.files.contentTypeOf(key);
    if (contentType === undefined) throw new UploadNotFoundError();
    if (!readsFile(jobType, contentType))
      throw new UploadNotReadableByTypeError(jobType, contentType, FILE_CONTENT_TYPES[jobType]);
    return key;
  }

  /** No retry can reach a keyless job: mark it failed rather than leave it queued for nobody. */
  private async markUnqueued(job: JobRecord): Promise<void> {
    const marked = await this.deps.store
      .move(job, {
        from: ['queued'],
        to: 'failed',
        at: this.deps.clock().toISOString(),
        error: 'could not be queued',
      })
      .catch((e: unknown) => {
        logger.error('could not mark the unqueued job failed', { jobId: job.jobId, error: e as Error });
        return false;
      });
    if (marked) this.deps.metrics.record('JobFailed', 1, { jobType: job.jobType });
    else logger.warn('unqueued job left as it was', { jobId: job.jobId });
  }

  private async replay(attempt: JobRecord): Promise<Submitted> {
    const existing = await this.deps.store.get(attempt);
    // Gone between the two calls (expired by TTL): nothing sensible to return but "try again".
    if (!existing) throw new JobNotRecordedError();
    if (existing.requestHash !== attempt.requestHash) throw new IdempotencyConflictError();
    if (existing.jobStatus === 'queued') {
      try {
        await this.deps.queue.send(existing);
      } catch (error) {
        logger.error('job could not be queued again', { jobId: existing.jobId, error: error as Error });
        throw new JobNotQueuedError(true);
      }
    }
    logger.info('idempotent replay', { jobId: existing.jobId, jobStatus: existing.jobStatus });
    return { jobId: existing.jobId, jobStatus: existing.jobStatus };
  }
}

export function requestHash(jobType: string, payload: unknown): string {
  return createHash('sha256').update(canonicalJson({ jobType, payload })).digest('hex');
}

/**
 * A UUID-shaped job id derived from the owner and their Idempotency-Key (RFC 9562 version 8, the
 * "custom" layout, over SHA-256), so the same user's same key always names the same job and two
 * users' equal keys never collide. Hand-written: uuid's v5 is SHA-1 and needs a namespace UUID.
 */
export function idempotentJobId(ownerId: string, idempotencyKey: string): string {
  const bytes = createHash('sha256')
    .update(ownerId)
    .update('\0')
    .update(idempotencyKey)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
