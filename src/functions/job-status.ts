import { onceAsync } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';
import { paginationTokens } from '../lib/pagination-secret.js';
import { documentClient, s3PresignClient } from '../jobs/aws/clients.js';
import { DynamoJobStore } from '../jobs/aws/dynamo-job-store.js';
import { S3ResultStore } from '../jobs/aws/s3-result-store.js';
import { jobsTableName, presignedUrlExpirySeconds, resultsBucketName } from '../jobs/config.js';
import { jobStatus, listJobs, type ListDeps } from '../jobs/status.js';

// Built on first use, once per container; the pagination key is read from Secrets Manager then.
const deps = onceAsync(async (): Promise<ListDeps> => ({
  store: new DynamoJobStore(documentClient(), jobsTableName()),
  results: new S3ResultStore(s3PresignClient(), resultsBucketName()),
  urlExpirySeconds: presignedUrlExpirySeconds(),
  tokens: await paginationTokens(),
}));

/** GET /job-status/{jobId} and GET /jobs: the caller's own jobs only. */
export const handler = httpHandler({
  getJobStatus: async ({ path, caller }) => json(200, await jobStatus(await deps(), caller.sub, path.jobId)),
  listJobs: async ({ query, caller }) =>
    json(
      200,
      await listJobs(await deps(), caller.sub, { limit: query.limit ?? 20, nextToken: query.nextToken }),
    ),
});
