import { once, readConfig } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';
import { operationUrl } from '../lib/http/urls.js';
import { SUBMIT_SETTINGS, submitJobs } from '../jobs/composition.js';
import type { SubmitJobs } from '../jobs/submit.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = SUBMIT_SETTINGS;

/** POST /submit-job-request: the HTTP side of SubmitJobs. Answers 202 with where to poll. */
export function submitJobHandler(jobs: () => SubmitJobs) {
  return httpHandler({
    submitJob: async ({ body, caller, headers, event }) => {
      const job = await jobs().submit({
        ownerId: caller.sub,
        jobType: body.jobType,
        payload: body.payload,
        idempotencyKey: headers['idempotency-key'],
      });
      const url = operationUrl(event, 'getJobStatus', { jobId: job.jobId });
      return json(202, { ...job, statusUrl: url }, { Location: url });
    },
  });
}

export const handler = submitJobHandler(once(() => submitJobs(readConfig(settings))));
