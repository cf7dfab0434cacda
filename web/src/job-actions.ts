/** Retry a failed job and cancel a queued one (POST /jobs/{jobId}/retry and /cancel): buttons in a job's details. */
import type { JobAction } from './extensions.js';

export const retryAndCancel: JobAction[] = [
  {
    label: 'Retry',
    appliesTo: (job) => job.jobStatus === 'failed',
    run: (job, api) => api.POST('/jobs/{jobId}/retry', { params: { path: { jobId: job.jobId } } }),
  },
  {
    label: 'Cancel',
    appliesTo: (job) => job.jobStatus === 'queued',
    run: (job, api) => api.POST('/jobs/{jobId}/cancel', { params: { path: { jobId: job.jobId } } }),
  },
];
