/**
 * Turns an API Gateway proxy event into a validated request for one operation of the contract: the
 * JSON body checked against the operation's request schema, path, query and header parameters
 * checked and coerced against theirs, with the precompiled validators the operations table names.
 * This is the only body validation: API Gateway validates parameters' presence only (a params-only
 * validator, see scripts/api/gateway-definition.ts), so every 400 for a body comes from here, as
 * problem+json with a JSON pointer per failing field.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidInputError, type FieldError } from '../errors.js';
import type { OperationEntry, ParameterEntry } from '../operations.js';
import { fieldErrors, precompiled, type Validators } from '../validation.js';

export const CONTRACT_MISMATCH = 'The request does not match the API contract.';

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
    throw new InvalidInputError(
      `The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`,
      [{ pointer: '', message: `nests more than ${MAX_JSON_DEPTH} levels` }],
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidInputError('The request body is not valid JSON.', [
      { pointer: '', message: 'is not valid JSON' },
    ]);
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

function coerce(raw: string, type: string | undefined): string | number {
  if (type === 'integer' || type === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  return raw;
}

function readParameters(
  specs: ParameterEntry[],
  location: 'path' | 'query' | 'header',
  source: Record<string, string | undefined>,
  validators: Validators,
  errors: FieldError[],
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const p of specs.filter((s) => s.in === location)) {
    const key = location === 'header' ? p.name.toLowerCase() : p.name;
    const raw = Object.hasOwn(source, key) ? source[key] : undefined;
    const pointer = `/${location}/${p.name}`;
    // A header sent with an empty value is present: it is checked against its schema (e.g.
    // Idempotency-Key's minLength 1), never taken as absent or used as "". An empty query or
    // path value still counts as absent.
    if (raw === undefined || (raw === '' && location !== 'header')) {
      if (p.required) errors.push({ pointer, message: 'is required' });
      else if (p.default !== undefined) out[p.name] = p.default;
      continue;
    }
    const value = coerce(raw, p.type);
    if (!p.validator) {
      out[p.name] = value;
      continue;
    }
    const validate = precompiled(validators, p.validator);
    if (!validate(value)) errors.push(...fieldErrors(validate.errors, pointer));
    else out[p.name] = value;
  }
  return out;
}

/** `validators`: the operation's group in api/validators.js (the validators its entry names). */
export function parseRequest(
  event: APIGatewayProxyEvent,
  op: OperationEntry,
  validators: Validators,
): ParsedRequest {
  const errors: FieldError[] = [];
  const headers = lowerCaseHeaders(event);
  const path = readParameters(op.parameters, 'path', event.pathParameters ?? {}, validators, errors);
  const query = readParameters(op.parameters, 'query', event.queryStringParameters ?? {}, validators, errors);
  readParameters(op.parameters, 'header', headers, validators, errors);

  let body: unknown;
  if (op.body) {
    body = parseJsonBody(event);
    if (body === undefined) {
      if (op.body.required) errors.push({ pointer: '', message: 'a JSON body is required' });
    } else {
      const validate = precompiled(validators, op.body.validator);
      if (!validate(body)) errors.push(...fieldErrors(validate.errors));
    }
  }
  if (errors.length > 0) throw new InvalidInputError(CONTRACT_MISMATCH, errors);
  return { body, path, query, headers };
}
