import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';
import { once } from '../lib/config.js';
import { documentClient, sqsClient } from '../jobs/aws/clients.js';
import { DynamoJobStore } from '../jobs/aws/dynamo-job-store.js';
import { SqsJobQueue } from '../jobs/aws/sqs-job-queue.js';
import { jobRetentionDays, jobsQueueUrl, jobsTableName } from '../jobs/config.js';
import { statusUrl } from '../jobs/status-url.js';
import { submitJob, type SubmitDeps } from '../jobs/submit.js';

const deps = once((): SubmitDeps => ({
  store: new DynamoJobStore(documentClient(), jobsTableName()),
  queue: new SqsJobQueue(sqsClient(), jobsQueueUrl()),
  retentionDays: jobRetentionDays(),
}));

/** POST /submit-job-request: record the job, queue it, answer 202 with where to poll. */
export const handler = httpHandler({
  submitJob: async ({ body, caller, headers, event }) => {
    const job = await submitJob(deps(), {
      ownerId: caller.sub,
      jobType: body.jobType,
      payload: body.payload,
      idempotencyKey: headers['idempotency-key'],
    });
    const url = statusUrl(event, job.jobId);
    return json(202, { ...job, statusUrl: url }, { Location: url });
  },
});
