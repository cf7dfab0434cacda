/** The environment each jobs function reads (template.yaml sets it; the local stack sets the same names). */
import { integerEnv, requireEnv } from '../lib/config.js';

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

/** The jobs queue's maxReceiveCount (template.yaml passes the same parameter to the queue's RedrivePolicy). */
export const jobMaxReceiveCount = (env: Env = process.env) =>
  integerEnv('JOB_MAX_RECEIVE_COUNT', 3, { min: 1, max: 1000 }, env);
