/**
 * Turns an API Gateway proxy event into a validated request for one spec operation: the JSON
 * body checked against the operation's request schema, path and query parameters checked and
 * coerced against their schemas. API Gateway's own validator checks only that required
 * parameters are present, so this is where their types, ranges and patterns are enforced.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { OperationSpec, ParameterSpec } from '../spec.js';
import { bodyValidator, fieldErrors, parameterValidator } from '../validation.js';
import { badRequest, type FieldError } from './problem.js';

export interface ParsedRequest {
  body: unknown;
  path: Record<string, string | number>;
  query: Record<string, string | number>;
  headers: Record<string, string>;
}

/** Deeper JSON is refused before parsing: recursive work on it (stringify, validation) overflows the stack. */
export const MAX_JSON_DEPTH = 64;

/** The deepest object/array nesting in JSON text, found by one scan (no recursion, strings skipped). */
function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

export function parseJsonBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw badRequest(`The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`, [
      { pointer: '', message: `nests more than ${MAX_JSON_DEPTH} levels` },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.', [{ pointer: '', message: 'is not valid JSON' }]);
  }
}

/** Header names are case-insensitive: index them in lower case. */
export function lowerCaseHeaders(event: APIGatewayProxyEvent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

function coerce(raw: string, schema: { type?: string } | undefined): string | number {
  if (schema?.type === 'integer' || schema?.type === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  return raw;
}

function readParameters(
  operationId: string,
  specs: ParameterSpec[],
  location: 'path' | 'query' | 'header',
  source: Record<string, string | undefined>,
  errors: FieldError[],
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const p of specs.filter((s) => s.in === location)) {
    const key = location === 'header' ? p.name.toLowerCase() : p.name;
    const raw = source[key];
    const pointer = `/${location}/${p.name}`;
    // A header sent with an empty value is present: it is checked against its schema (e.g.
    // Idempotency-Key's minLength 1), never taken as absent or used as "". An empty query or
    // path value still counts as absent.
    if (raw === undefined || (raw === '' && location !== 'header')) {
      if (p.required) errors.push({ pointer, message: 'is required' });
      continue;
    }
    const schema = p.schema as { type?: string; default?: unknown } | undefined;
    const value = coerce(raw, schema);
    if (!p.schema) {
      out[p.name] = value;
      continue;
    }
    const validate = parameterValidator(operationId, location, p.name);
    if (!validate(value)) errors.push(...fieldErrors(validate.errors, pointer));
    else out[p.name] = value;
  }
  for (const p of specs.filter((s) => s.in === location)) {
    const fallback = (p.schema as { default?: unknown } | undefined)?.default;
    if (out[p.name] === undefined && (typeof fallback === 'number' || typeof fallback === 'string')) {
      out[p.name] = fallback;
    }
  }
  return out;
}

export function parseRequest(event: APIGatewayProxyEvent, op: OperationSpec): ParsedRequest {
  const errors: FieldError[] = [];
  const headers = lowerCaseHeaders(event);
  const path = readParameters(op.operationId, op.parameters, 'path', event.pathParameters ?? {}, errors);
  const query = readParameters(
    op.operationId,
    op.parameters,
    'query',
    event.queryStringParameters ?? {},
    errors,
  );
  readParameters(op.operationId, op.parameters, 'header', headers, errors);

  let body: unknown;
  if (op.bodySchemaRef) {
    body = parseJsonBody(event);
    if (body === undefined) {
      errors.push({ pointer: '', message: 'a JSON body is required' });
    } else {
      const validate = bodyValidator(op.operationId);
      if (!validate(body)) errors.push(...fieldErrors(validate.errors));
    }
  }
  if (errors.length > 0) throw badRequest('The request does not match the API contract.', errors);
  return { body, path, query, headers };
}
