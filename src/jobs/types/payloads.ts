/**
 * Submit-time payload validation, from the contract: each job type's `<Type>JobPayload` schema,
 * precompiled into api/validators.js (its `jobPayloads` group). Apart from the registry so that the
 * processor, which runs stored payloads, does not carry the validators.
 */
import { jobPayloads } from '../../../api/validators.js';
import type { FieldError } from '../../lib/errors.js';
import { fieldErrors, precompiled } from '../../lib/validation.js';
import { jobPayloadValidatorName } from '../../lib/validator-names.js';
import type { JobType } from '../model.js';

/** What is wrong with a payload for its type (JSON pointers under `base`); empty when nothing is. */
export function payloadProblems(type: JobType, payload: unknown, base = ''): FieldError[] {
  const validate = precompiled(jobPayloads, jobPayloadValidatorName(type));
  return validate(payload) ? [] : fieldErrors(validate.errors, base);
}
