/**
 * A message that reached the dead-letter queue failed every delivery SQS allowed: its job will not
 * finish, so it is marked `failed` — conditionally, so a job that did finish (a late success racing
 * the redrive) keeps its outcome. One UpdateItem, no read: the DLQ consumer may only update.
 */
import type { Clock } from '../lib/clock.js';
import type { MetricsRecorder } from '../lib/metrics-port.js';
import type { Delivery } from '../lib/sqs.js';
import { logger } from '../lib/observability.js';
import { MalformedMessageError } from './errors.js';
import { parseJobMessage } from './message.js';
import { allowedSources } from './model.js';
import type { JobStore } from './ports.js';

export interface DeadLettersDeps {
  store: JobStore;
  /** The source queue's maxReceiveCount, for the error message. */
  maxReceiveCount: number;
  clock: Clock;
  metrics: MetricsRecorder;
}

/** The jobType dimension of a dead-lettered job whose message does not say its type. */
export const UNKNOWN_JOB_TYPE = 'unknown';

export type DeadLetterOutcome = 'failed' | 'unchanged' | 'unidentifiable';

export function deadLetterError(maxReceiveCount: number): string {
  return `processing failed after ${maxReceiveCount} attempts`;
}

export class DeadLetters {
  constructor(private readonly deps: DeadLettersDeps) {}

  async fail(body: string, delivery: Delivery): Promise<DeadLetterOutcome> {
    let key;
    try {
      key = parseJobMessage(body);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      // Nothing to mark. Retrying cannot help and the DLQ alarm has fired: log it for inspection.
      logger.error('dead-lettered message names no job', {
        messageId: delivery.messageId,
        body: body.slice(0, 1024),
      });
      return 'unidentifiable';
    }
    const moved = await this.deps.store.move(key, {
      from: allowedSources('failed'),
      to: 'failed',
      at: this.deps.clock().toISOString(),
      error: deadLetterError(this.deps.maxReceiveCount),
    });
    const log = { jobId: key.jobId, messageId: delivery.messageId };
    if (moved) {
      logger.warn('dead-lettered job marked failed', log);
      // The message names the type (src/jobs/model.ts JobMessage); one queued before it did not.
      this.deps.metrics.record('JobFailed', 1, { jobType: key.jobType ?? UNKNOWN_JOB_TYPE });
    } else logger.info('dead-lettered job already finished or gone; left unchanged', log);
    return moved ? 'failed' : 'unchanged';
  }
}
