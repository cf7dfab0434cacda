import { once } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';
import { pageTokenCodec } from '../lib/pagination.js';
import { documentClient, s3PresignClient } from '../jobs/aws/clients.js';
import { DynamoJobStore } from '../jobs/aws/dynamo-job-store.js';
import { S3ResultStore } from '../jobs/aws/s3-result-store.js';
import {
  jobsTableName,
  paginationSecret,
  presignedUrlExpirySeconds,
  resultsBucketName,
} from '../jobs/config.js';
import { jobStatus, listJobs, type ListDeps } from '../jobs/status.js';

const deps = once((): ListDeps => ({
  store: new DynamoJobStore(documentClient(), jobsTableName()),
  results: new S3ResultStore(s3PresignClient(), resultsBucketName()),
  urlExpirySeconds: presignedUrlExpirySeconds(),
  tokens: pageTokenCodec(paginationSecret()),
}));

/** GET /job-status/{jobId} and GET /jobs: the caller's own jobs only. */
export const handler = httpHandler({
  getJobStatus: async ({ path, caller }) => json(200, await jobStatus(deps(), caller.sub, path.jobId)),
  listJobs: async ({ query, caller }) =>
    json(200, await listJobs(deps(), caller.sub, { limit: query.limit ?? 20, nextToken: query.nextToken })),
});
