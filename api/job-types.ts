// Generated from openapi.yaml by `npm run generate`. Do not edit.
import type { components } from './schema.js';

type Schemas = components['schemas'];

/** Each job type's payload and result: the contract's <Type>JobPayload and <Type>JobResult schemas. */
export interface JobTypeSchemas {
  echo: { payload: Schemas['EchoJobPayload']; result: Schemas['EchoJobResult'] };
  'word-count': { payload: Schemas['WordCountJobPayload']; result: Schemas['WordCountJobResult'] };
  sha256: { payload: Schemas['Sha256JobPayload']; result: Schemas['Sha256JobResult'] };
}

/** The precompiled validator (api/validators.cjs) of each job type's payload. */
export const JOB_PAYLOAD_VALIDATORS: { readonly [T in keyof JobTypeSchemas]: string } = {
  echo: 'jobPayload_echo',
  'word-count': 'jobPayload_word_count',
  sha256: 'jobPayload_sha256',
};
