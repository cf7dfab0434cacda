/**
 * Processing one queue message. SQS delivers at least once, so every step is safe to repeat:
 * - a finished job (complete, failed or cancelled) is left alone: no handler run, no write, so a
 *   cancelled job is skipped;
 * - the move to `processing` is conditional (from queued, or processing again after a crash);
 * - the result goes to a deterministic key (results/<owner>/<job>.json) before the job is marked
 *   complete, so a redelivery at worst rewrites the same bytes;
 * - the final move is conditional on `processing`: a job someone else finished is never overwritten.
 * A NonRetryableJobError marks the job failed; any other error is rethrown so the batch processor
 * reports the record failed and SQS redelivers it (and, after maxReceiveCount, dead-letters it).
 * Metrics: QueueWait when a job is first picked up (its createdAt to now), and, when this delivery
 * finishes the job, JobCompleted or JobFailed by type and ProcessingDuration.
 */
import type { Clock } from '../lib/clock.js';
import type { MetricsRecorder } from '../lib/metrics-port.js';
import type { Delivery } from '../lib/sqs.js';
import { logger } from '../lib/observability.js';
import { NonRetryableJobError } from './errors.js';
import { parseJobMessage } from './message.js';
import { allowedSources, isFinished, resultKeyOf, type JobRecord } from './model.js';
import type { JobStore, ResultWriter, UploadFiles } from './ports.js';
import { runFileJob, runJob } from './types/index.js';

export interface JobProcessorDeps {
  store: JobStore;
  results: ResultWriter;
  /** Where a file job's upload is read from, streamed. */
  files: UploadFiles;
  clock: Clock;
  metrics: MetricsRecorder;
}

export type ProcessOutcome = 'complete' | 'failed' | 'finished-elsewhere' | 'already-finished' | 'missing';

export class JobProcessor {
  constructor(private readonly deps: JobProcessorDeps) {}

  async process(body: string, delivery: Delivery): Promise<ProcessOutcome> {
    const { store, results, metrics } = this.deps;
    const key = parseJobMessage(body);
    const log = { jobId: key.jobId, messageId: delivery.messageId, receiveCount: delivery.receiveCount };

    const at = () => this.deps.clock().toISOString();
    const job = await store.get(key);
    if (!job) {
      // Expired by TTL, or a message for a job that was never recorded: nothing to do.
      logger.warn('job not found; message dropped', log);
      return 'missing';
    }
    if (isFinished(job.jobStatus)) {
      logger.info('job already finished; duplicate delivery ignored', { ...log, jobStatus: job.jobStatus });
      return 'already-finished';
    }
    const started = this.deps.clock();
    if (
      !(await store.move(key, {
        from: allowedSources('processing'),
        to: 'processing',
        at: started.toISOString(),
      }))
    ) {
      logger.info('job finished by another delivery', log);
      return 'finished-elsewhere';
    }
    const attempt = (job.attempts ?? 0) + 1;
    logger.info('job processing', { ...log, jobType: job.jobType, attempt });
    // A later attempt's wait would count the failed ones and their visibility timeouts: the first only.
    // createdAt comes from another function's clock: a few ms of skew must not make a wait negative.
    if (attempt === 1)
      metrics.record('QueueWait', Math.max(0, started.getTime() - Date.parse(job.createdAt)));
    const finished = (outcome: 'JobCompleted' | 'JobFailed') => {
      metrics.record(outcome, 1, { jobType: job.jobType });
      metrics.record('ProcessingDuration', this.deps.clock().getTime() - started.getTime());
    };

    let result: string;
    try {
      result = await run(job, this.deps.files);
    } catch (error) {
      if (!(error instanceof NonRetryableJobError)) throw error;
      const moved = await store.move(key, {
        from: ['processing'],
        to: 'failed',
        at: at(),
        error: error.message,
      });
      logger.info(moved ? 'job failed' : 'job finished by another delivery', {
        ...log,
        error: error.message,
      });
      if (moved) finished('JobFailed');
      return moved ? 'failed' : 'finished-elsewhere';
    }

    const resultKey = resultKeyOf(key);
    await results.put(resultKey, result);
    const moved = await store.move(key, { from: ['processing'], to: 'complete', at: at(), resultKey });
    logger.info(moved ? 'job complete' : 'job finished by another delivery', { ...log, resultKey });
    if (moved) finished('JobCompleted');
    return moved ? 'complete' : 'finished-elsewhere';
  }
}

/**
 * The job's result as JSON text. A payload that is not JSON cannot work: that is not retried. A
 * file job streams its upload; one that is gone or unreadable fails (UploadUnreadableError).
 */
async function run(job: JobRecord, files: UploadFiles): Promise<string> {
  const { uploadKey } = job;
  if (uploadKey !== undefined)
    return JSON.stringify((await runFileJob(job.jobType, () => files.open(uploadKey))) ?? null);
  let payload: unknown;
  try {
    payload = JSON.parse(job.payload);
  } catch {
    throw new NonRetryableJobError('The stored payload is not valid JSON');
  }
  return JSON.stringify((await runJob(job.jobType, payload)) ?? null);
}
