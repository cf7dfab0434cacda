/**
 * Checks a response against openapi.yaml: the documented status for the operation, the declared
 * content type, and the body against the declared schema (compiled by the same ajv as the handlers).
 */
import { operationEntry } from '../../src/lib/operations.js';
import { fieldErrors } from '../../src/lib/validation.js';
import { publishedSpec } from './published.js';
import { validatorFor } from './schema-validator.js';

interface MediaType {
  schema?: object;
}
interface ResponseSpec {
  $ref?: string;
  content?: Record<string, MediaType>;
}

function resolveResponse(r: ResponseSpec): ResponseSpec {
  if (!r.$ref) return r;
  const name = r.$ref.replace('#/components/responses/', '');
  return (
    (publishedSpec.components as unknown as { responses: Record<string, ResponseSpec> }).responses[name] ?? {}
  );
}

export function contractViolations(
  operationId: string,
  status: number,
  contentType: string | undefined,
  body: unknown,
): string[] {
  const op = operationEntry(operationId);
  if (!op) return [`no operation ${operationId} in the spec`];
  const item = publishedSpec.paths[op.path] as Record<string, { responses?: Record<string, ResponseSpec> }>;
  const declared = item[op.method.toLowerCase()]?.responses?.[String(status)];
  if (!declared) return [`${operationId} does not declare status ${status}`];
  const response = resolveResponse(declared);
  const media = response.content ? Object.keys(response.content) : [];
  if (media.length === 0) return body === undefined || body === '' ? [] : [`${status} declares no body`];
  const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (!media.includes(type)) return [`content-type ${type || '(none)'} is not one of ${media.join(', ')}`];
  const schema = response.content?.[type]?.schema;
  if (!schema) return [];
  const validate = validatorFor(schema);
  return validate(body) ? [] : fieldErrors(validate.errors).map((e) => `${e.pointer || '/'} ${e.message}`);
}
