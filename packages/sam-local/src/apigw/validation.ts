/**
 * API Gateway's request validators (x-amazon-apigateway-request-validator(s)), compiled once at
 * start (AWS_DOCS.requestValidation): `validateRequestParameters` checks only that required
 * parameters are present and non-blank (API Gateway keeps only name, in, required, type and
 * description of a parameter, AWS_DOCS.restImportNotes, so their schemas are not enforced);
 * `validateRequestBody` validates the JSON body against the operation's model for the request's
 * Content-Type with JSON Schema draft 4 (ajv-draft-04), as API Gateway models are draft 4, after
 * dropping the keywords API Gateway's models do not support (model-keywords.ts: `nullable` would
 * otherwise let ajv accept a null API Gateway refuses). `format` is not enforced here (the
 * functions' own validation checks it).
 */
import Ajv04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonObject } from '../sam/template.js';
import { withoutUnsupportedKeywords } from './model-keywords.js';

export interface Validators {
  validateBody: boolean;
  validateParameters: boolean;
}

export function createSpecAjv(document: JsonObject): { compileAt(pointer: string): ValidateFunction } {
  const ajv = new Ajv04.default({
    allErrors: true,
    strict: false,
    validateFormats: false,
    validateSchema: false,
  });
  ajv.addSchema(withoutUnsupportedKeywords(document), 'spec');
  return { compileAt: (pointer) => ajv.compile({ $ref: `spec#${pointer}` }) };
}

/** ajv errors in the wording API Gateway uses in $context.error.validationErrorString. */
export function validationErrorString(errors: ErrorObject[] | null | undefined): string {
  const parts = (errors ?? []).map((e) => {
    const at = e.instancePath ? ` at ${e.instancePath}` : '';
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        return `object has missing required properties (["${String(p.missingProperty)}"])${at}`;
      case 'additionalProperties':
        return `object instance has properties which are not allowed by the schema: ["${String(p.additionalProperty)}"]${at}`;
      case 'enum':
        return `instance value not found in enum (possible values: ${JSON.stringify(p.allowedValues)})${at}`;
      case 'type':
        return `instance type does not match any allowed primitive type (allowed: ["${String(p.type)}"])${at}`;
      case 'minLength':
      case 'maxLength':
      case 'minimum':
      case 'maximum':
      case 'pattern':
      case 'minItems':
      case 'maxItems':
        return `${e.message ?? e.keyword}${at}`;
      default:
        return `${e.message ?? e.keyword}${at}`;
    }
  });
  return `[${parts.join(', ')}]`;
}
