/**
 * Run-time validation with ajv, compiled from the spec's own schemas (api/openapi.json): no
 * schema is written twice. API Gateway models are JSON Schema draft 4, so this uses ajv's
 * draft-04 build; validators compile on first use and are cached per container.
 */
import AjvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { openApiDocument } from './spec.js';
import type { FieldError } from './http/problem.js';

const SPEC_ID = 'openapi.json';
// ajv-draft-04 is CommonJS: under Node's ESM interop its class is the `default` property.
const Ajv = AjvDraft04.default;
type Ajv = InstanceType<typeof Ajv>;

let ajv: Ajv | undefined;
function compiler(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
    addFormats.default(ajv);
    ajv.addSchema(openApiDocument, SPEC_ID);
  }
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

/** A validator for a schema given as a local JSON pointer ref (#/components/schemas/X) or inline. */
export function validatorFor(schema: { $ref: string } | object): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) return cached;
  const rooted = '$ref' in schema ? { $ref: `${SPEC_ID}${schema.$ref}` } : rewriteRefs(schema);
  const validate = compiler().compile(rooted);
  cache.set(key, validate);
  return validate;
}

function rewriteRefs(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)) as object;
}

/** ajv errors as RFC 9457 field errors with JSON pointers relative to `base`. */
export function fieldErrors(errors: ErrorObject[] | null | undefined, base = ''): FieldError[] {
  return (errors ?? []).map((e) => {
    const missing =
      e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
    const extra =
      e.keyword === 'additionalProperties'
        ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
        : '';
    const pointer = `${base}${e.instancePath}${missing}${extra}`;
    const message = e.keyword === 'additionalProperties' ? 'is not allowed' : (e.message ?? 'is invalid');
    return { pointer, message };
  });
}
