import * as validators from '../../api/validators.js';
import { once, readConfig } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';
import { operationUrl } from '../lib/http/urls.js';
import { SUBMIT_SETTINGS, submitServices, type SubmitServices } from '../jobs/composition.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = SUBMIT_SETTINGS;

/**
 * POST /submit-job-request (202 with where to poll), POST /uploads (201, an upload link), and
 * POST /jobs/{jobId}/retry and /cancel: everything that queues a job or changes what will run.
 */
export function submitJobHandler(services: () => SubmitServices) {
  return httpHandler(
    {
      submitJob: async ({ body, caller, headers, event }) => {
        const job = await services().jobs.submit({
          ownerId: caller.sub,
          jobType: body.jobType,
          payload: body.payload,
          uploadId: body.uploadId,
          idempotencyKey: headers['idempotency-key'],
        });
        const url = operationUrl(event, 'getJobStatus', { jobId: job.jobId });
        return json(202, { ...job, statusUrl: url }, { Location: url });
      },
      createUpload: async ({ body, caller }) => json(201, await services().uploads.create(caller.sub, body)),
      retryJob: async ({ path, caller, event }) => {
        const job = await services().actions.retry(caller.sub, path.jobId);
        const url = operationUrl(event, 'getJobStatus', { jobId: job.jobId });
        return json(202, { ...job, statusUrl: url }, { Location: url });
      },
      cancelJob: async ({ path, caller, event }) => {
        const job = await services().actions.cancel(caller.sub, path.jobId);
        return json(200, { ...job, statusUrl: operationUrl(event, 'getJobStatus', { jobId: job.jobId }) });
      },
    },
    {
      submitJob: validators.submitJob,
      createUpload: validators.createUpload,
      retryJob: validators.retryJob,
      cancelJob: validators.cancelJob,
    },
  );
}

export const handler = submitJobHandler(once(() => submitServices(readConfig(settings))));
