/**
 * Compiles any schema of the published spec on demand (tests only: response schemas, fuzzing).
 * Functions use the precompiled request validators in api/validators.js instead.
 */
import AjvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { publishedSpec } from './published.js';

const SPEC_ID = 'openapi.json';
const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(publishedSpec, SPEC_ID);

const cache = new Map<string, ValidateFunction>();

/** A validator for a schema of the spec: a local ref (#/components/schemas/X) or an inline schema. */
export function validatorFor(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) return cached;
  const rooted = JSON.parse(key.replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)) as object;
  const validate = ajv.compile(rooted);
  cache.set(key, validate);
  return validate;
}
