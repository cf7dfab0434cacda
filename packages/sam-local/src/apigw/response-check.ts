/**
 * Response validation while developing: a function's proxy response checked against the response
 * schema its operation declares for that status (the exact code, else `2XX`-style ranges, else
 * `default`) and the response's Content-Type. API Gateway does NOT do this: "request validation" is
 * the only validation it does (AWS_DOCS.requestValidation), and a Lambda proxy response passes
 * through as the function returned it. So this is a development aid: a mismatch is one warning
 * line, or with --strict-responses a 502, never AWS behaviour (explain/rules.ts says so).
 *
 * The schemas are the definition's OpenAPI schemas as written (`nullable` honoured, `$ref` to
 * components followed), compiled by ajv on the first response that needs each one, so a start
 * compiles nothing (and loads ajv-formats, about 70 ms, only then). Draft 4 semantics
 * (ajv-draft-04), as OpenAPI 3.0's schema object is draft-4 based (boolean exclusiveMinimum);
 * formats checked by ajv-formats, unknown ones ignored.
 */
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import type { JsonObject } from '../sam/template.js';
import { ANY_METHOD, followRef, isObject, isSwagger2, jsonPointer, operationsOf } from './definition-walk.js';

/** A proxy response as the gateway sends it (proxy.ts): a Buffer body was base64-encoded. */
export interface ResponseToCheck {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

export interface ResponseMismatch {
  operation: string;
  status: number;
  /** JSON pointer into the response body ('' is the whole body). */
  pointer: string;
  message: string;
}

/** One warning line: `response of getItem (GET /items/{id}) 200 does not match its schema at /id: must be string`. */
export const formatMismatch = (m: ResponseMismatch) =>
  `response of ${m.operation} ${m.status} does not match its schema at ${m.pointer || '/'}: ${m.message}`;

type Check = (response: ResponseToCheck) => ResponseMismatch | undefined;

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$/;

const mediaTypeOf = (headers: ResponseToCheck['headers']) => {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const value = Array.isArray(entry) ? entry[0] : entry;
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
};

/** The declared response for `status`: the exact code, its range (`4XX`), then `default`. */
function declaredKey(responses: JsonObject, status: number): string | undefined {
  const keys = Object.keys(responses);
  for (const wanted of [String(status), `${String(status)[0]}XX`, 'DEFAULT']) {
    const key = keys.find((k) => k.toUpperCase() === wanted);
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * The response checks of a definition, by operation key (`GET /items/{id}`, as routes are keyed):
 * each answers the first mismatch of a response, or undefined when it matches or nothing is declared.
 */
export function compileResponseChecks(doc: JsonObject): Map<string, Check> {
  let ajv: InstanceType<typeof Ajv04.default> | undefined;
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      if (!ajv) {
        ajv = new Ajv04.default({ allErrors: false, strict: false, validateSchema: false, logger: false });
        // ajv-formats is CommonJS: required on first use, off the start-up path.
        const addFormats = createRequire(import.meta.url)('ajv-formats') as (a: typeof ajv) => unknown;
        addFormats(ajv);
        ajv.addSchema(doc, 'spec');
      }
      validate = ajv.compile({ $ref: `spec#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  const swagger2 = isSwagger2(doc);
  const checks = new Map<string, Check>();
  for (const { path, method, op, pointer } of operationsOf(doc)) {
    const responses = isObject(op.responses) ? op.responses : undefined;
    if (!responses) continue;
    const operation = `${typeof op.operationId === 'string' ? `${op.operationId} ` : ''}(${method === ANY_METHOD ? 'ANY' : method.toUpperCase()} ${path})`;
    /** What a response of this status and media type needs: nothing, a validator, or it is refused outright. */
    type Plan = { skip: true } | { skip: false; schemaAt?: string; refused?: string };
    const planFor = (status: number, media: string): Plan => {
      const key = declaredKey(responses, status);
      if (key === undefined) return { skip: true };
      const { node: declared, pointer: at } = followRef(
        doc,
        responses[key],
        `${pointer}${jsonPointer('responses', key)}`,
      );
      if (!isObject(declared)) return { skip: true };
      if (swagger2)
        return declared.schema !== undefined ? { skip: false, schemaAt: `${at}/schema` } : { skip: true };
      const content = isObject(declared.content) ? declared.content : {};
      const withSchema = Object.keys(content).filter(
        (m) => isObject(content[m]) && content[m].schema !== undefined,
      );
      if (withSchema.length === 0) return { skip: true };
      const match = withSchema.find((m) => m.toLowerCase() === media);
      if (!match)
        return {
          skip: false,
          refused: `Content-Type ${media || '(none)'} is not one it declares (${withSchema.join(', ')})`,
        };
      return { skip: false, schemaAt: `${at}${jsonPointer('content', match, 'schema')}` };
    };
    // Resolved once per status and media type: a request pays for JSON.parse and the validator only.
    const plans = new Map<string, Plan>();
    const check: Check = (response) => {
      const media = mediaTypeOf(response.headers);
      const planKey = `${response.status} ${media}`;
      let plan = plans.get(planKey);
      if (!plan) plans.set(planKey, (plan = planFor(response.status, media)));
      if (plan.skip) return undefined;
      if (plan.refused) return { operation, status: response.status, pointer: '', message: plan.refused };
      const schemaAt = plan.schemaAt;
      // Only JSON bodies are checked: a schema over text or binary says little a string would fail.
      if (schemaAt === undefined || Buffer.isBuffer(response.body) || !JSON_MEDIA.test(media))
        return undefined;
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        return { operation, status: response.status, pointer: '', message: 'the body is not JSON' };
      }
      const validate = validatorAt(schemaAt);
      if (validate(body)) return undefined;
      const [first] = validate.errors ?? [];
      const params = (first?.params ?? {}) as { missingProperty?: string; additionalProperty?: string };
      // The pointer names the property itself when it is missing or not allowed.
      const named = params.missingProperty ?? params.additionalProperty;
      const where = `${first?.instancePath ?? ''}${named === undefined ? '' : jsonPointer(named)}`;
      const message =
        first?.keyword === 'required'
          ? 'is required'
          : first?.keyword === 'additionalProperties'
            ? 'is not allowed'
            : (first?.message ?? 'does not match');
      return { operation, status: response.status, pointer: where, message };
    };
    checks.set(`${method === ANY_METHOD ? 'ANY' : method.toUpperCase()} ${path}`, check);
  }
  return checks;
}

/**
 * The gateway's hook: a route's response (routes are `METHOD /path`; an ANY method's routes fall
 * back to its `ANY /path` check) as one warning line when it does not match, else undefined.
 */
export function responseChecker(
  doc: JsonObject,
): (route: { method: string; resourcePath: string }, response: ResponseToCheck) => string | undefined {
  const checks = compileResponseChecks(doc);
  return (route, response) => {
    const check =
      checks.get(`${route.method} ${route.resourcePath}`) ?? checks.get(`ANY ${route.resourcePath}`);
    const mismatch = check?.(response);
    return mismatch && formatMismatch(mismatch);
  };
}
