/**
 * Reading jobs back, owner-scoped by construction: the table's partition key is the owner, so a
 * lookup with the caller's sub cannot find another user's job, and "not yours" is exactly
 * "not found" (one read, the same answer either way).
 */
import type { components } from '../../api/schema.js';
import type { PageTokens } from '../lib/pagination.js';
import { JobNotFoundError } from './errors.js';
import type { JobSummary, JobView } from './model.js';
import type { JobStore, ResultLinks } from './ports.js';

type JobPage = components['schemas']['JobPage'];

export interface JobQueriesDeps {
  store: JobStore;
  links: ResultLinks;
  /** Lifetime of a result link. */
  urlExpirySeconds: number;
  /** Only listings use it: the pagination key is read when one first does. */
  tokens: PageTokens;
}

export class JobQueries {
  constructor(private readonly deps: JobQueriesDeps) {}

  async status(ownerId: string, jobId: string): Promise<JobView> {
    const job = await this.deps.store.summary({ ownerId, jobId });
    if (!job) throw new JobNotFoundError();
    return this.view(job);
  }

  /** The owner's jobs, newest first; the page token is signed for this owner's listing only. */
  async list(ownerId: string, page: { limit: number; nextToken?: string }): Promise<JobPage> {
    const scope = `jobs:${ownerId}`;
    const tokens = await this.deps.tokens();
    const startKey = tokens.decode(page.nextToken, scope);
    const { items, lastKey } = await this.deps.store.listByOwner(ownerId, { limit: page.limit, startKey });
    const nextToken = tokens.encode(lastKey, scope);
    return {
      items: await Promise.all(items.map((job) => this.view(job))),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  /** What the owner sees of a summary: no owner id, and a result link instead of the result's key. */
  private async view(job: JobSummary): Promise<JobView> {
    return {
      jobId: job.jobId,
      jobType: job.jobType,
      jobStatus: job.jobStatus,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      ...(job.jobStatus === 'complete' && job.resultKey
        ? { jobProcessedPayload: await this.deps.links.presignGet(job.resultKey, this.deps.urlExpirySeconds) }
        : {}),
      ...(job.jobStatus === 'failed' && job.error ? { error: job.error } : {}),
    };
  }
}
