/**
 * What an owner may do to a job after submitting it: retry a failed one (back to `queued`, and a new
 * message), or cancel a queued one (the processor skips it). Each is one conditional move from the
 * one state it applies to, so a cancel racing the processor either wins (the job is never run) or
 * loses (409: it is processing). The read before it only tells 404 from 409, owner-scoped as every
 * read: another user's job is not found.
 */
import type { Clock } from '../lib/clock.js';
import { logger } from '../lib/observability.js';
import { JobNotFoundError, JobStateConflictError, RetryNotQueuedError } from './errors.js';
import type { JobKey, JobStatus } from './model.js';
import type { JobQueue, JobStore } from './ports.js';

export interface JobActionsDeps {
  store: JobStore;
  queue: JobQueue;
  clock: Clock;
}

export interface ActionResult {
  jobId: string;
  jobStatus: JobStatus;
}

export class JobActions {
  constructor(private readonly deps: JobActionsDeps) {}

  async retry(ownerId: string, jobId: string): Promise<ActionResult> {
    const key = { ownerId, jobId };
    const job = await this.existing(key);
    const at = () => this.deps.clock().toISOString();
    if (job.jobStatus !== 'failed') throw new JobStateConflictError('retried', job.jobStatus);
    if (!(await this.deps.store.move(key, { from: ['failed'], to: 'queued', at: at(), clearError: true })))
      throw new JobStateConflictError('retried', await this.statusNow(key));
    try {
      await this.deps.queue.send({ ownerId, jobId, jobType: job.jobType });
    } catch (error) {
      logger.error('retried job could not be queued', { jobId, error: error as Error });
      // Failed again, with the reason, so that it can be retried again rather than wait for nobody.
      await this.deps.store
        .move(key, { from: ['queued'], to: 'failed', at: at(), error: 'could not be queued' })
        .catch((e: unknown) =>
          logger.error('could not mark the unqueued job failed', { jobId, error: e as Error }),
        );
      throw new RetryNotQueuedError();
    }
    logger.info('job retried', { jobId, jobType: job.jobType });
    return { jobId, jobStatus: 'queued' };
  }

  async cancel(ownerId: string, jobId: string): Promise<ActionResult> {
    const key = { ownerId, jobId };
    const job = await this.existing(key);
    const at = this.deps.clock().toISOString();
    if (job.jobStatus !== 'queued') throw new JobStateConflictError('cancelled', job.jobStatus);
    if (!(await this.deps.store.move(key, { from: ['queued'], to: 'cancelled', at })))
      throw new JobStateConflictError('cancelled', await this.statusNow(key));
    logger.info('job cancelled', { jobId, jobType: job.jobType });
    return { jobId, jobStatus: 'cancelled' };
  }

  private async existing(key: JobKey) {
    const job = await this.deps.store.summary(key);
    if (!job) throw new JobNotFoundError();
    return job;
  }

  /** The move lost a race (the processor took the job): read again to name the state it is in now. */
  private async statusNow(key: JobKey): Promise<string> {
    return (await this.deps.store.summary(key))?.jobStatus ?? 'gone';
  }
}
