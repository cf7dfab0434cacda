/**
 * Files in, as a client does it: an upload link, the file posted to it as a browser form (the
 * link's fields, then the file), a job over the upload, and waiting for the job to finish. Shared by
 * the black-box suite (tests/deployed) and the local-stack tests, which add what only a local stack
 * can show.
 */
import type { ApiClient, JobType, Upload, UploadContentType } from '../../api/client.js';
import { checked } from './api-responses.js';
import { eventually } from './eventually.js';

export async function uploadLink(
  api: ApiClient,
  contentType: UploadContentType,
  contentLength: number,
  fileName?: string,
) {
  const res = await api.POST('/uploads', { body: { contentType, contentLength, fileName } });
  checked('createUpload', res);
  return res;
}

/** Posts `body` to the link as a browser form does: S3's answer. */
export async function postFile(link: Upload, body: string | Buffer) {
  const form = new FormData();
  for (const [name, value] of Object.entries(link.fields)) form.append(name, value);
  form.append('file', new Blob([body]), 'file');
  return fetch(link.url, { method: 'POST', body: form });
}

/** A link for `body` and the file posted to it (S3 answers 204): the uploadId. */
export async function upload(api: ApiClient, contentType: UploadContentType, body: string): Promise<string> {
  const { data } = await uploadLink(api, contentType, Buffer.byteLength(body));
  const posted = await postFile(data!, body);
  if (posted.status !== 204)
    throw new Error(`the upload was answered ${posted.status}: ${await posted.text()}`);
  return data!.uploadId;
}

export async function submitFile(api: ApiClient, jobType: JobType, uploadId: string) {
  const res = await api.POST('/submit-job-request', { body: { jobType, uploadId } });
  checked('submitJob', res);
  return res;
}

/** The job once it is complete, failed or cancelled. */
export const finished = (
  api: ApiClient,
  jobId: string,
  options?: { timeoutMs?: number; intervalMs?: number },
) =>
  eventually(
    `job ${jobId} finished`,
    async () => {
      const res = await api.GET('/job-status/{jobId}', { params: { path: { jobId } } });
      checked('getJobStatus', res);
      return res.data && ['complete', 'failed', 'cancelled'].includes(res.data.jobStatus)
        ? res.data
        : undefined;
    },
    options,
  );
