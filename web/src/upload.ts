/**
 * Submit a job over a file: the file is uploaded straight to storage through an upload link
 * (POST /uploads, then the form the link describes, by XMLHttpRequest for its upload progress, which
 * fetch does not report), then the job is submitted naming the upload. Storage refuses a file that
 * is not what the link was made for; its XML answer is shown as a problem like the API's.
 */
import { uploadContentTypeValues, type Upload, type UploadContentType } from '../../api/client.js';
import { h, replace } from './dom.js';
import type { PayloadSource } from './extensions.js';
import { attempt, problemBox } from './problems.js';

const BY_EXTENSION: Record<string, UploadContentType> = {
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  json: 'application/json',
};

/** The content type to upload `file` as: the browser's, when the API knows it, else by extension, else bytes. */
export function uploadContentTypeOf(file: { name: string; type: string }): UploadContentType {
  const known = uploadContentTypeValues as readonly string[];
  if (known.includes(file.type)) return file.type as UploadContentType;
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** Storage's refusal (S3's XML error) as a problem the console shows like the API's. */
export function storageProblem(status: number, xml: string) {
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  return {
    type: 'about:blank',
    title: `Storage refused the file (${status})`,
    detail: [tag('Code'), tag('Message')].filter(Boolean).join(': ') || 'No reason given.',
  };
}

/** Posts `file` to the link as its form, reporting progress: storage's status and body. */
export function postToLink(
  link: Upload,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(link.fields)) form.append(name, value);
  form.append('file', file); // last: S3 ignores fields after the file
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(link.method, link.url);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => resolve({ status: xhr.status, body: xhr.responseText }));
    xhr.addEventListener('error', () => reject(new Error('The file could not reach storage.')));
    xhr.send(form);
  });
}

export const fileUpload: PayloadSource = {
  render(input, api) {
    const file = h('input', { type: 'file', id: 'upload-file', name: 'file' });
    const go = h('button', { type: 'button', class: 'secondary' }, 'Upload and submit');
    const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
    const progressText = h('span', { class: 'hint', 'aria-live': 'polite' });
    const status = h('div', { class: 'status upload-status', 'aria-live': 'polite' });
    const show = (fraction: number) => {
      progress.hidden = false;
      progress.value = Math.round(fraction * 100);
      progressText.textContent = `Uploading: ${progress.value}%`;
    };

    go.addEventListener('click', () => {
      const chosen = file.files?.[0];
      replace(status);
      if (!chosen) {
        replace(status, h('p', { class: 'hint invalid' }, 'Choose a file first.'));
        return file.focus();
      }
      go.disabled = true;
      void (async () => {
        const link = await attempt(() =>
          api.POST('/uploads', {
            body: {
              contentType: uploadContentTypeOf(chosen),
              contentLength: chosen.size,
              fileName: chosen.name,
            },
          }),
        );
        if (!link.data) return replace(status, problemBox(link));
        show(0);
        let posted;
        try {
          posted = await postToLink(link.data, chosen, show);
        } catch (thrown) {
          return replace(status, problemBox({ thrown }));
        }
        if (posted.status < 200 || posted.status >= 300)
          return replace(status, problemBox({ error: storageProblem(posted.status, posted.body) }));
        show(1);
        progressText.textContent = `Uploaded ${chosen.name} (${chosen.size} bytes).`;
        await input.submitUpload(link.data.uploadId);
      })().finally(() => (go.disabled = false));
    });

    return h(
      'fieldset',
      { class: 'upload' },
      h('legend', {}, 'Or run the job over a file'),
      h('label', { for: file.id }, 'File'),
      file,
      h(
        'p',
        { class: 'hint' },
        `Uploaded as one of ${uploadContentTypeValues.join(', ')} (by its type or extension); each job type reads some (see the API's JobType).`,
      ),
      h('div', { class: 'actions' }, go, progress, progressText),
      status,
    );
  },
};
