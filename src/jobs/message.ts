/** The jobs queue's message body: `{"ownerId": ..., "jobId": ..., "jobType": ...}` and nothing else. */
import { MalformedMessageError } from './errors.js';
import { isJobType, type JobMessage } from './model.js';

const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function serializeJobMessage(message: JobMessage): string {
  return JSON.stringify({ ownerId: message.ownerId, jobId: message.jobId, jobType: message.jobType });
}

export function parseJobMessage(body: string): JobMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedMessageError('The message body is not JSON');
  }
  const { ownerId, jobId, jobType } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof ownerId !== 'string' || ownerId === '' || typeof jobId !== 'string' || !JOB_ID.test(jobId)) {
    throw new MalformedMessageError('The message body does not name a job ({ownerId, jobId})');
  }
  // The type is only ever a metric's dimension: one that is missing or unknown is left out, not trusted.
  return isJobType(jobType) ? { ownerId, jobId, jobType } : { ownerId, jobId };
}
