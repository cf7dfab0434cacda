/**
 * Which uploaded files each job type reads, by the upload's content type (the contract's
 * UploadContentType). The contract's `<T>JobPayload` description lists the same types
 * (tests/unit/jobs/uploads.test.ts ties them). A type with none reads no file. Apart from the
 * registry so that submit, which checks an upload's type, does not carry the job type modules.
 */
import type { components } from '../../api/schema.js';
import type { JobType } from './model.js';

export type UploadContentType = components['schemas']['UploadContentType'];

const TEXT: readonly UploadContentType[] = ['text/plain', 'text/csv', 'text/markdown', 'application/json'];

export const FILE_CONTENT_TYPES: { readonly [T in JobType]: readonly UploadContentType[] } = {
  echo: [],
  'word-count': TEXT,
  sha256: [...TEXT, 'application/octet-stream'],
  'csv-stats': ['text/csv'],
};

export function readsFile(type: JobType, contentType: string): boolean {
  return (FILE_CONTENT_TYPES[type] as readonly string[]).includes(contentType);
}
