/**
 * Processing one queue message. SQS delivers at least once, so every step is safe to repeat:
 * - a finished job (complete or failed) is left alone: no handler run, no write;
 * - the move to `processing` is conditional (from queued, or processing again after a crash);
 * - the result goes to a deterministic key (results/<owner>/<job>.json) before the job is marked
 *   complete, so a redelivery at worst rewrites the same bytes;
 * - the final move is conditional on `processing`: a job someone else finished is never overwritten.
 * A NonRetryableJobError marks the job failed; any other error is rethrown so the batch processor
 * reports the record failed and SQS redelivers it (and, after maxReceiveCount, dead-letters it).
 */
import { logger } from '../lib/observability.js';
import { NonRetryableJobError } from './errors.js';
import { parseJobMessage } from './message.js';
import { allowedSources, isFinished, resultKeyOf, type JobRecord } from './model.js';
import type { JobStore, ResultStore } from './ports.js';
import { jobTypeModule, type JobPayload, type JobTypeModule } from './types/index.js';

export interface ProcessDeps {
  store: JobStore;
  results: ResultStore;
  now?: () => Date;
  jobTypes?: (type: string) => JobTypeModule | undefined;
}

export interface DeliveryInfo {
  messageId: string;
  receiveCount: number;
}

export type ProcessOutcome = 'complete' | 'failed' | 'finished-elsewhere' | 'already-finished' | 'missing';

export async function processJobMessage(
  deps: ProcessDeps,
  body: string,
  delivery: DeliveryInfo,
): Promise<ProcessOutcome> {
  const key = parseJobMessage(body);
  const log = { jobId: key.jobId, messageId: delivery.messageId, receiveCount: delivery.receiveCount };

  const at = () => (deps.now ?? (() => new Date()))().toISOString();
  const job = await deps.store.get(key);
  if (!job) {
    // Expired by TTL, or a message for a job that was never recorded: nothing to do.
    logger.warn('job not found; message dropped', log);
    return 'missing';
  }
  if (isFinished(job.jobStatus)) {
    logger.info('job already finished; duplicate delivery ignored', { ...log, jobStatus: job.jobStatus });
    return 'already-finished';
  }
  if (!(await deps.store.move(key, { from: allowedSources('processing'), to: 'processing', at: at() }))) {
    logger.info('job finished by another delivery', log);
    return 'finished-elsewhere';
  }
  logger.info('job processing', { ...log, jobType: job.jobType, attempt: (job.attempts ?? 0) + 1 });

  let result: string;
  try {
    result = await run(job, deps.jobTypes ?? jobTypeModule);
  } catch (error) {
    if (!(error instanceof NonRetryableJobError)) throw error;
    const moved = await deps.store.move(key, {
      from: ['processing'],
      to: 'failed',
      at: at(),
      error: error.message,
    });
    logger.info(moved ? 'job failed' : 'job finished by another delivery', { ...log, error: error.message });
    return moved ? 'failed' : 'finished-elsewhere';
  }

  const resultKey = resultKeyOf(key);
  await deps.results.put(resultKey, result);
  const moved = await deps.store.move(key, { from: ['processing'], to: 'complete', at: at(), resultKey });
  logger.info(moved ? 'job complete' : 'job finished by another delivery', { ...log, resultKey });
  return moved ? 'complete' : 'finished-elsewhere';
}

async function run(job: JobRecord, types: (type: string) => JobTypeModule | undefined): Promise<string> {
  const type = types(job.jobType);
  if (!type) throw new NonRetryableJobError(`Unknown job type "${job.jobType}"`);
  let payload: JobPayload;
  try {
    payload = JSON.parse(job.payload) as JobPayload;
  } catch {
    throw new NonRetryableJobError('The stored payload is not valid JSON');
  }
  const result: unknown = await type.run(payload);
  return JSON.stringify(result ?? null);
}
