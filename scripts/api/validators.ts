/**
 * Precompiled request validators (api/validators.cjs): ajv standalone code for every parameter and
 * body schema of every operation, and for every job type's payload schema, draft-04 like API
 * Gateway's models. Handlers validate with them without shipping or running the ajv compiler at
 * cold start; the operations table and api/job-types.ts name them.
 *
 * A schema may give its own error messages in `x-error-message` (ajv-errors' `errorMessage`
 * syntax: https://ajv.js.org/packages/ajv-errors.html), so the words a client reads come from the
 * contract too; a vendor extension, so API Gateway and OpenAPI tools ignore it.
 */
import AjvDraft04 from 'ajv-draft-04';
import ajvErrors from 'ajv-errors';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { contractOperations, published, type Contract } from './contract.js';
import { completeJobTypes } from './job-types.js';
import { bodyValidatorName, parameterValidatorName } from '../../src/lib/validator-names.js';

export const ERROR_MESSAGE_EXTENSION = 'x-error-message';

const SPEC_ID = 'openapi.json';

/** A JSON pointer from path segments (RFC 6901 escaping). */
const pointer = (...segments: string[]) =>
  segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Local refs (#/...) made absolute against the document the validators are compiled with. */
const rooted = (schema: object) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)) as object;

/** The contract's messages under the name ajv-errors reads. */
const withErrorMessages = (document: object) =>
  JSON.parse(JSON.stringify(document), (key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && ERROR_MESSAGE_EXTENSION in value
      ? Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k === ERROR_MESSAGE_EXTENSION ? 'errorMessage' : k, v]),
        )
      : value,
  ) as object;

export function validatorsModule(contract: Contract, header: string): string {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, code: { source: true } });
  addFormats.default(ajv);
  ajvErrors.default(ajv);
  ajv.addSchema(withErrorMessages(published(contract)), SPEC_ID);
  const exports: Record<string, string> = {};
  for (const op of contractOperations(contract)) {
    const body = op.requestBody?.content['application/json']?.schema;
    if (body) {
      const ref = typeof body.$ref === 'string' ? body.$ref : undefined;
      exports[bodyValidatorName(op.operationId)] = ref
        ? `${SPEC_ID}${ref}`
        : `${SPEC_ID}#${pointer('paths', op.path, op.method, 'requestBody', 'content', 'application/json', 'schema')}`;
    }
    for (const p of op.parameters) {
      if (!p.schema) continue;
      const id = parameterValidatorName(op.operationId, p.in, p.name);
      if (!ajv.getSchema(id)) ajv.addSchema(rooted(p.schema), id);
      exports[id] = id;
    }
  }
  for (const t of completeJobTypes(contract))
    exports[t.validator] = `${SPEC_ID}#/components/schemas/${t.payload}`;
  return `${header}${standaloneCode.default(ajv, exports)}\n`;
}
