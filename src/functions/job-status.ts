import * as validators from '../../api/validators.js';
import { once, readConfig } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';
import { jobQueries, QUERY_SETTINGS } from '../jobs/composition.js';
import type { JobQueries } from '../jobs/status.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = QUERY_SETTINGS;

/** GET /job-status/{jobId} and GET /jobs: the caller's own jobs only. */
export function jobStatusHandler(jobs: () => JobQueries) {
  return httpHandler(
    {
      getJobStatus: async ({ path, caller }) => json(200, await jobs().status(caller.sub, path.jobId)),
      listJobs: async ({ query, caller }) =>
        json(200, await jobs().list(caller.sub, { limit: query.limit, nextToken: query.nextToken })),
    },
    { getJobStatus: validators.getJobStatus, listJobs: validators.listJobs },
  );
}

// Built on first use, once per container; the pagination key is read from Secrets Manager by the first listing.
export const handler = jobStatusHandler(once(() => jobQueries(readConfig(settings))));
