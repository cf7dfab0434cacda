/** The environment each jobs function reads (template.yaml sets it; the local stack sets the same names). */
import { ConfigError, integerEnv, optionalEnv, requireEnv } from '../lib/config.js';

type Env = NodeJS.ProcessEnv;

export const PRESIGNED_URL_EXPIRY = { fallback: 900, min: 60, max: 3600 } as const;
export const JOB_RETENTION = { fallback: 30, min: 1, max: 365 } as const;

export const jobsTableName = (env: Env = process.env) => requireEnv('JOBS_TABLE_NAME', env);
export const jobsQueueUrl = (env: Env = process.env) => requireEnv('JOBS_QUEUE_URL', env);
export const resultsBucketName = (env: Env = process.env) => requireEnv('RESULTS_BUCKET_NAME', env);

export const jobRetentionDays = (env: Env = process.env) =>
  integerEnv('JOB_RETENTION_DAYS', JOB_RETENTION.fallback, JOB_RETENTION, env);

export const presignedUrlExpirySeconds = (env: Env = process.env) =>
  integerEnv('PRESIGNED_URL_EXPIRY_SECONDS', PRESIGNED_URL_EXPIRY.fallback, PRESIGNED_URL_EXPIRY, env);

/**
 * JOB_FAULT_INJECTION_RATE (0..1, default 0): the fraction of records the processor fails on purpose,
 * retryably, before any side effect, for the reliability tests. It is honoured only where the
 * functions run on the local stack (AWS_SAM_LOCAL=true, which the local runner and `sam local` set);
 * anywhere else a configured rate is a deployment mistake and the function refuses to run.
 */
export function faultInjectionRate(env: Env = process.env): number {
  const raw = optionalEnv('JOB_FAULT_INJECTION_RATE', '', env);
  if (raw === '') return 0;
  if (env.AWS_SAM_LOCAL !== 'true') {
    throw new ConfigError(
      'JOB_FAULT_INJECTION_RATE is a local-stack test switch and is refused outside it (AWS_SAM_LOCAL is not "true"); remove it from this deployment',
    );
  }
  const rate = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new ConfigError(
      `Environment variable JOB_FAULT_INJECTION_RATE must be a number from 0 to 1, got "${raw}"`,
    );
  }
  return rate;
}

/** The jobs queue's maxReceiveCount (template.yaml passes the same parameter to the queue's RedrivePolicy). */
export const jobMaxReceiveCount = (env: Env = process.env) =>
  integerEnv('JOB_MAX_RECEIVE_COUNT', 3, { min: 1, max: 1000 }, env);
