/**
 * The job type registry. It is typed against the spec's JobType enum: a value added to openapi.yaml
 * without a module here (or a module without the value) fails to compile. Adding a job type is one
 * module in this folder, one line here and one enum value in openapi.yaml (then `npm run generate`).
 */
import type { JobType } from '../model.js';
import { echo } from './echo.js';
import type { JobTypeModule } from './job-type.js';
import { sha256 } from './sha256.js';
import { wordCount } from './word-count.js';

export const jobTypes: Readonly<Record<JobType, JobTypeModule>> = {
  echo,
  'word-count': wordCount,
  sha256,
};

export function jobTypeModule(type: string): JobTypeModule | undefined {
  return Object.hasOwn(jobTypes, type) ? jobTypes[type as JobType] : undefined;
}

export type { JobPayload, JobTypeModule } from './job-type.js';
