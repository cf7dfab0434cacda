/**
 * Reading jobs back, owner-scoped by construction: the table's partition key is the owner, so a
 * lookup with the caller's sub cannot find another user's job, and "not yours" is exactly
 * "not found" (one read, the same 404 body either way).
 */
import type { components } from '../../api/schema.js';
import { notFound } from '../lib/http/problem.js';
import type { PageTokenCodec } from '../lib/pagination.js';
import type { JobView } from './model.js';
import type { JobStore, JobSummary, ResultStore } from './ports.js';

type JobPage = components['schemas']['JobPage'];

export interface StatusDeps {
  store: JobStore;
  results: ResultStore;
  urlExpirySeconds: number;
}

export interface ListDeps extends StatusDeps {
  tokens: PageTokenCodec;
}

export const JOB_NOT_FOUND = 'There is no job with this id.';

export async function jobStatus(deps: StatusDeps, ownerId: string, jobId: string): Promise<JobView> {
  const job = await deps.store.summary({ ownerId, jobId });
  if (!job) throw notFound(JOB_NOT_FOUND);
  return view(deps, job);
}

export async function listJobs(
  deps: ListDeps,
  ownerId: string,
  page: { limit: number; nextToken?: string },
): Promise<JobPage> {
  const scope = `jobs:${ownerId}`;
  const startKey = deps.tokens.decode(page.nextToken, scope);
  const { items, lastKey } = await deps.store.listByOwner(ownerId, { limit: page.limit, startKey });
  const nextToken = deps.tokens.encode(lastKey, scope);
  return {
    items: await Promise.all(items.map((job) => view(deps, job))),
    ...(nextToken ? { nextToken } : {}),
  };
}

async function view(deps: StatusDeps, job: JobSummary): Promise<JobView> {
  return {
    jobId: job.jobId,
    jobType: job.jobType,
    jobStatus: job.jobStatus,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.jobStatus === 'complete' && job.resultKey
      ? { jobProcessedPayload: await deps.results.presignGet(job.resultKey, deps.urlExpirySeconds) }
      : {}),
    ...(job.jobStatus === 'failed' && job.error ? { error: job.error } : {}),
  };
}
