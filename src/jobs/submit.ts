/**
 * Submitting a job: record it in the table (`queued`), then send its key to the queue.
 *
 * Idempotency (per user): with an Idempotency-Key the job id is derived from (owner, key), so a
 * retried request targets the same record. The create is conditional (attribute_not_exists); if
 * the record exists, the stored hash of the canonical body decides: same body -> the same job
 * (202, same id), another body -> 422. A replay whose job is still `queued` sends the message
 * again: processing is idempotent, so a duplicate message is harmless, and this is what lets a
 * client recover by retrying after an enqueue failure.
 *
 * Enqueue failure after the record was written (no transaction spans DynamoDB and SQS):
 * - without a key, no retry can reach this record, so it is conditionally marked `failed`
 *   ("could not be queued") and the client gets 503 and submits again;
 * - with a key, it stays `queued` and the client gets 503; the documented retry with the same key
 *   re-sends it (see above).
 * Either way no job is left `queued` with nothing that will ever process it, short of the client
 * abandoning a keyed retry; such a record expires with the table's TTL.
 * (Powertools idempotency was not used: it caches a response in a separate table, and here the
 * replay must re-send a still-queued job and compare bodies per user, which the job record does.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { badRequest, payloadTooLarge, serviceUnavailable, unprocessable } from '../lib/http/problem.js';
import { logger } from '../lib/observability.js';
import { canonicalJson } from './canonical-json.js';
import type { JobRecord, JobStatus, JobType } from './model.js';
import type { JobQueue, JobStore } from './ports.js';
import { jobTypeModule } from './types/index.js';

export const MAX_PAYLOAD_BYTES = 256 * 1024;
const DAY_SECONDS = 24 * 60 * 60;

export interface SubmitDeps {
  store: JobStore;
  queue: JobQueue;
  retentionDays: number;
  now?: () => Date;
  newJobId?: () => string;
}

export interface SubmitInput {
  ownerId: string;
  jobType: JobType;
  payload: Record<string, unknown>;
  idempotencyKey?: string;
}

export interface Submitted {
  jobId: string;
  jobStatus: JobStatus;
}

export async function submitJob(deps: SubmitDeps, input: SubmitInput): Promise<Submitted> {
  const payload = JSON.stringify(input.payload);
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw payloadTooLarge(
      `The payload is ${bytes} bytes of JSON; the limit is ${MAX_PAYLOAD_BYTES} bytes (256 KiB).`,
    );
  }

  // The contract says minLength 1 (request.ts checks it); an empty key must never name a job.
  if (input.idempotencyKey === '')
    throw badRequest('The request does not match the API contract.', [
      { pointer: '/header/Idempotency-Key', message: 'must not be empty' },
    ]);

  const problem = jobTypeModule(input.jobType)?.payloadProblem?.(input.payload);
  if (problem) throw badRequest(`The payload does not suit the ${input.jobType} job type.`, [problem]);

  const now = (deps.now ?? (() => new Date()))();
  const at = now.toISOString();
  const key = input.idempotencyKey;
  const job: JobRecord = {
    ownerId: input.ownerId,
    jobId: key === undefined ? (deps.newJobId ?? randomUUID)() : idempotentJobId(input.ownerId, key),
    jobType: input.jobType,
    jobStatus: 'queued',
    payload,
    requestHash: requestHash(input.jobType, input.payload),
    createdAt: at,
    updatedAt: at,
    expiresAt: Math.floor(now.getTime() / 1000) + deps.retentionDays * DAY_SECONDS,
    attempts: 0,
  };

  if (!(await deps.store.create(job))) return replay(deps, job);

  try {
    await deps.queue.send(job);
  } catch (error) {
    logger.error('job could not be queued', { jobId: job.jobId, error: error as Error });
    if (key === undefined) {
      const marked = await deps.store
        .move(job, {
          from: ['queued'],
          to: 'failed',
          at: new Date().toISOString(),
          error: 'could not be queued',
        })
        .catch((e: unknown) => {
          logger.error('could not mark the unqueued job failed', { jobId: job.jobId, error: e as Error });
          return false;
        });
      if (!marked) logger.warn('unqueued job left as it was', { jobId: job.jobId });
    }
    throw serviceUnavailable(
      key === undefined
        ? 'The job could not be queued; submit it again.'
        : 'The job could not be queued; retry with the same Idempotency-Key.',
    );
  }
  logger.info('job queued', { jobId: job.jobId, jobType: job.jobType, bytes });
  return { jobId: job.jobId, jobStatus: job.jobStatus };
}

async function replay(deps: SubmitDeps, attempt: JobRecord): Promise<Submitted> {
  const existing = await deps.store.get(attempt);
  // Gone between the two calls (expired by TTL): nothing sensible to return but "try again".
  if (!existing) throw serviceUnavailable('The job could not be recorded; retry.');
  if (existing.requestHash !== attempt.requestHash) {
    throw unprocessable('This Idempotency-Key was already used with a different request body.');
  }
  if (existing.jobStatus === 'queued') {
    try {
      await deps.queue.send(existing);
    } catch (error) {
      logger.error('job could not be queued again', { jobId: existing.jobId, error: error as Error });
      throw serviceUnavailable('The job could not be queued; retry with the same Idempotency-Key.');
    }
  }
  logger.info('idempotent replay', { jobId: existing.jobId, jobStatus: existing.jobStatus });
  return { jobId: existing.jobId, jobStatus: existing.jobStatus };
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
