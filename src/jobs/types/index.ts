/**
 * The job type registry: one module per value of the contract's JobType enum, typed against it, so
 * a value without a module (or a module without a value) does not compile, and
 * tests/unit/jobs/job-types.test.ts fails on a module file that is not registered. Adding a job
 * type: its value and its two schemas in openapi.yaml (`npm run generate`), one module in this
 * folder, its line here, the files it reads (../file-inputs.ts), and its tests.
 */
import { NonRetryableJobError } from '../errors.js';
import { isJobType, type JobType } from '../model.js';
import { csvStatsJob } from './csv-stats.js';
import { echo } from './echo.js';
import type { FileChunks, JobPayload, JobTypeModule } from './job-type.js';
import { sha256 } from './sha256.js';
import { wordCount } from './word-count.js';

export const jobTypes: { readonly [T in JobType]: JobTypeModule<T> } = {
  echo,
  'word-count': wordCount,
  sha256,
  'csv-stats': csvStatsJob,
};

/** Runs a stored job. An unknown type or a payload that is not an object cannot work: not retried. */
export async function runJob(type: string, payload: unknown): Promise<unknown> {
  if (!isJobType(type)) throw new NonRetryableJobError(`Unknown job type "${type}"`);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    throw new NonRetryableJobError('The stored payload is not a JSON object');
  const module = jobTypes[type] as JobTypeModule<JobType>;
  return module.run(payload as JobPayload);
}

/** Runs a stored job over its uploaded file. A type that reads no file cannot work: not retried. */
export async function runFileJob(type: string, file: () => Promise<FileChunks>): Promise<unknown> {
  if (!isJobType(type)) throw new NonRetryableJobError(`Unknown job type "${type}"`);
  const module = jobTypes[type] as JobTypeModule<JobType>;
  if (!module.runFile) throw new NonRetryableJobError(`The ${type} job type does not read files`);
  return module.runFile(await file());
}

export type { FileChunks, JobPayload, JobResult, JobTypeModule } from './job-type.js';
