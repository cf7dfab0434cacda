/**
 * The REST API definition (OpenAPI 3 / Swagger 2 with x-amazon-apigateway-* extensions) compiled
 * once at start into what each request needs: routes with their integration (a Lambda proxy to a
 * function of the template, or a mock), authorizer, required parameters and body validators, plus
 * the gateway responses. Written by hand: these are API Gateway semantics no library implements.
 */
import type { ValidateFunction } from 'ajv';
import { referencedIds, resolveIntrinsics, type IntrinsicContext } from '../sam/intrinsics.js';
import { text, type Json, type JsonObject } from '../sam/template.js';
import { followRef, HTTP_METHODS, isObject, jsonPointer, resolveRef } from './definition-walk.js';
import { createSpecAjv } from './validation.js';

const METHODS: readonly string[] = HTTP_METHODS;

export type Integration =
  | { type: 'aws_proxy'; functionId: string; timeoutMs: number }
  | { type: 'mock'; statusCode: number; headers: Record<string, string>; body: string }
  | { type: 'unsupported'; description: string };

export interface AuthorizerConfig {
  name: string;
  /** A Lambda authorizer's (TOKEN or REQUEST), or a Cognito user pools authorizer. */
  type: 'token' | 'request' | 'cognito_user_pools';
  /** The Lambda authorizer's function ('' for Cognito). */
  functionId: string;
  /** COGNITO_USER_POOLS: the pools whose tokens are accepted (providerARNs, resolved). */
  userPoolArns?: string[];
  /** COGNITO_USER_POOLS: the operation's OAuth scopes (none: an ID token is required). */
  scopes?: string[];
  /** Lower-cased header names and query names whose values identify the caller (and key the cache). */
  identity: { in: 'header' | 'query'; name: string }[];
  ttlSeconds: number;
  identityValidation?: RegExp;
}

export interface Route {
  method: string;
  resourcePath: string;
  operationId?: string;
  resourceId: string;
  integration: Integration;
  authorizer?: AuthorizerConfig;
  /** An authorization type this runner cannot enforce (AWS_IAM): named at start. */
  unenforcedAuth?: string;
  validateParameters: boolean;
  requiredParameters: { in: 'path' | 'query' | 'header'; name: string }[];
  validateBody: boolean;
  body?: { required: boolean; byMediaType: Map<string, ValidateFunction> };
}

export interface ApiDefinition {
  routes: Route[];
  gatewayResponses: JsonObject;
  binaryMediaTypes: string[];
  /** Problems found while compiling (printed as warnings). */
  warnings: string[];
}

function shortId(text: string): string {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h.toString(36).padStart(6, '0').slice(0, 6);
}

/**
 * The template function a logical id reference reaches: the function itself, or the alias SAM's
 * AutoPublishAlias generates for it, referenced by its logical id `<Function>Alias<Name>` or as
 * `<Function>.Alias`
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html#sam-specification-generated-resources-function-autopublishalias).
 * Aliases, versions and CodeDeploy traffic shifting are not emulated: the function's latest code serves.
 */
export function functionOfReference(id: string, functionIds: ReadonlySet<string>): string | undefined {
  if (functionIds.has(id)) return id;
  const dotted = /^([A-Za-z0-9]+)\.Alias$/.exec(id)?.[1];
  if (dotted !== undefined) return functionIds.has(dotted) ? dotted : undefined;
  return [...functionIds].find(
    (fn) => id.startsWith(`${fn}Alias`) && /^[A-Za-z0-9]+$/.test(id.slice(fn.length + 'Alias'.length)),
  );
}

function functionOf(uri: Json, functionIds: ReadonlySet<string>): string | undefined {
  for (const id of referencedIds(uri)) {
    const fn = functionOfReference(id, functionIds);
    if (fn) return fn;
  }
  return undefined;
}

/** Static header values ('value') from responseParameters; `prefix` is method.response.header. etc. */
export function staticHeaders(params: Json, prefix: string, ctx: IntrinsicContext): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!isObject(params)) return headers;
  for (const [key, raw] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const value = resolveIntrinsics(raw, ctx);
    if (typeof value === 'string' && /^'.*'$/s.test(value))
      headers[key.slice(prefix.length)] = value.slice(1, -1);
  }
  return headers;
}

/**
 * A `cognito_user_pools` authorizer: its pools (providerARNs) and identity source, the header the
 * scheme names (`method.request.header.<name>`, as API Gateway imports an apiKey scheme:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html).
 */
function compileCognitoAuthorizer(
  name: string,
  scheme: JsonObject,
  auth: JsonObject,
  ctx: IntrinsicContext,
): AuthorizerConfig | string {
  let arns: Json;
  try {
    arns = resolveIntrinsics(auth.providerARNs ?? [], ctx);
  } catch (e) {
    return `authorizer ${name}: its providerARNs cannot be resolved locally (${(e as Error).message})`;
  }
  const userPoolArns = (Array.isArray(arns) ? arns : [arns]).map((a) => text(a)).filter(Boolean);
  if (userPoolArns.length === 0) return `authorizer ${name}: cognito_user_pools without providerARNs`;
  const source = text(auth.identitySource ?? `method.request.header.${text(scheme.name ?? 'Authorization')}`);
  const header = /^method\.request\.header\.(.+)$/.exec(source.trim())?.[1] ?? 'Authorization';
  return {
    name,
    type: 'cognito_user_pools',
    functionId: '',
    userPoolArns,
    identity: [{ in: 'header', name: header.toLowerCase() }],
    ttlSeconds: 0,
    identityValidation:
      typeof auth.identityValidationExpression === 'string'
        ? new RegExp(auth.identityValidationExpression)
        : undefined,
  };
}

function compileAuthorizer(
  name: string,
  scheme: JsonObject,
  functionIds: ReadonlySet<string>,
  ctx: IntrinsicContext,
): AuthorizerConfig | string {
  const auth = scheme['x-amazon-apigateway-authorizer'];
  if (!isObject(auth)) return `security scheme ${name} has no x-amazon-apigateway-authorizer`;
  const type = text(auth.type ?? 'token').toLowerCase();
  if (type === 'cognito_user_pools') return compileCognitoAuthorizer(name, scheme, auth, ctx);
  if (type !== 'token' && type !== 'request') return `authorizer ${name} has unsupported type ${type}`;
  const functionId = functionOf(auth.authorizerUri ?? null, functionIds);
  if (!functionId) return `authorizer ${name}: its authorizerUri names no function of the template`;
  const sources = text(
    auth.identitySource ??
      (type === 'token' ? `method.request.header.${text(scheme.name ?? 'Authorization')}` : ''),
  )
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const identity = sources.flatMap((s): AuthorizerConfig['identity'] => {
    const h = /^method\.request\.header\.(.+)$/.exec(s);
    if (h) return [{ in: 'header', name: (h[1] as string).toLowerCase() }];
    const q = /^method\.request\.querystring\.(.+)$/.exec(s);
    if (q) return [{ in: 'query', name: q[1] as string }];
    return [];
  });
  return {
    name,
    type,
    functionId,
    identity,
    ttlSeconds:
      auth.authorizerResultTtlInSeconds === undefined ? 300 : Number(auth.authorizerResultTtlInSeconds),
    identityValidation:
      typeof auth.identityValidationExpression === 'string'
        ? new RegExp(auth.identityValidationExpression)
        : undefined,
  };
}

export function compileDefinition(
  body: JsonObject,
  functionIds: ReadonlySet<string>,
  ctx: IntrinsicContext,
): ApiDefinition {
  const warnings: string[] = [];
  const swagger2 = typeof body.swagger === 'string';
  const ajv = createSpecAjv(body);
  const schemes =
    (swagger2 ? body.securityDefinitions : (body.components as JsonObject | undefined)?.securitySchemes) ??
    {};
  const authorizers = new Map<string, AuthorizerConfig | string>();
  for (const [name, scheme] of Object.entries(schemes as JsonObject)) {
    if (isObject(scheme) && scheme['x-amazon-apigateway-authtype'] !== undefined)
      authorizers.set(name, compileAuthorizer(name, scheme, functionIds, ctx));
    else if (isObject(scheme) && scheme['x-amazon-apigateway-authorizer'] !== undefined)
      authorizers.set(name, compileAuthorizer(name, scheme, functionIds, ctx));
  }
  const validatorsDef = (body['x-amazon-apigateway-request-validators'] ?? {}) as JsonObject;
  const defaultValidator = body['x-amazon-apigateway-request-validator'];
  const routes: Route[] = [];

  for (const [path, rawItem] of Object.entries((body.paths ?? {}) as JsonObject)) {
    const item = resolveRef(body, rawItem);
    if (!isObject(item)) continue;
    const anyMethod = item['x-amazon-apigateway-any-method'];
    const ops: [string, Json][] = METHODS.filter((m) => item[m] !== undefined).map((m) => [
      m,
      item[m] as Json,
    ]);
    if (anyMethod !== undefined) for (const m of METHODS) if (item[m] === undefined) ops.push([m, anyMethod]);
    for (const [method, rawOp] of ops) {
      const op = rawOp as JsonObject;
      const where = `${method.toUpperCase()} ${path}`;
      const integrationDef = op['x-amazon-apigateway-integration'];
      let integration: Integration;
      if (!isObject(integrationDef))
        integration = { type: 'unsupported', description: 'no x-amazon-apigateway-integration' };
      else if (integrationDef.type === 'aws_proxy') {
        const functionId = functionOf(integrationDef.uri ?? null, functionIds);
        integration = functionId
          ? {
              type: 'aws_proxy',
              functionId,
              timeoutMs: Math.min(Number(integrationDef.timeoutInMillis ?? 29000), 29000),
            }
          : { type: 'unsupported', description: 'its integration uri names no function of the template' };
      } else if (integrationDef.type === 'mock') {
        const responses = (integrationDef.responses ?? {}) as JsonObject;
        const chosen = (responses.default ?? Object.values(responses)[0] ?? {}) as JsonObject;
        const templates = (chosen.responseTemplates ?? {}) as JsonObject;
        integration = {
          type: 'mock',
          statusCode: Number(chosen.statusCode ?? 200),
          headers: staticHeaders(chosen.responseParameters ?? null, 'method.response.header.', ctx),
          body: text(templates['application/json'] ?? Object.values(templates)[0] ?? ''),
        };
      } else
        integration = { type: 'unsupported', description: `integration type ${text(integrationDef.type)}` };
      if (integration.type === 'unsupported')
        warnings.push(`${where}: not served (${integration.description})`);

      // Security: the operation's only. "API Gateway doesn't use root level security defined in the
      // OpenAPI specification" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html):
      // an operation without its own `security` runs no authorizer, whatever the document's root
      // says. The import check refuses such a definition at start; this keeps the gateway itself
      // faithful. The first requirement naming an authorizer wins.
      const security: Json[] = Array.isArray(op.security) ? op.security : [];
      let authorizer: AuthorizerConfig | undefined;
      let unenforcedAuth: string | undefined;
      for (const requirement of security) {
        for (const [name, scopes] of Object.entries(isObject(requirement) ? requirement : {})) {
          const found = authorizers.get(name);
          // A Cognito authorizer checks the operation's own scopes (authorizationScopes).
          if (typeof found === 'object')
            authorizer ??=
              found.type === 'cognito_user_pools'
                ? { ...found, scopes: Array.isArray(scopes) ? scopes.map((s) => text(s)) : [] }
                : found;
          else if (found) unenforcedAuth ??= found;
        }
      }
      if (!authorizer && unenforcedAuth)
        warnings.push(`${where}: authorizer not enforced locally (${unenforcedAuth})`);

      const validatorName = op['x-amazon-apigateway-request-validator'] ?? defaultValidator;
      const validator = (typeof validatorName === 'string' ? validatorsDef[validatorName] : undefined) as
        JsonObject | undefined;
      const parameters = [...((item.parameters ?? []) as Json[]), ...((op.parameters ?? []) as Json[])].map(
        (p) => resolveRef(body, p) as JsonObject,
      );
      const requiredParameters = parameters
        .filter((p) => p.required === true && ['path', 'query', 'header'].includes(text(p.in)))
        .map((p) => ({ in: p.in as 'path' | 'query' | 'header', name: text(p.name) }));

      let bodySpec: Route['body'];
      const opPointer = ['paths', path, method];
      if (swagger2) {
        const index = ((op.parameters ?? []) as Json[]).findIndex(
          (p) => (resolveRef(body, p) as JsonObject).in === 'body',
        );
        if (index >= 0) {
          const param = resolveRef(body, ((op.parameters ?? []) as Json[])[index]) as JsonObject;
          const consumes = ((op.consumes ?? body.consumes ?? ['application/json']) as string[]).map(String);
          const validate = ajv.compileAt(jsonPointer(...opPointer, 'parameters', String(index), 'schema'));
          bodySpec = {
            required: param.required === true,
            byMediaType: new Map(consumes.map((c) => [c, validate])),
          };
        }
      } else if (op.requestBody !== undefined) {
        const followed = followRef(body, op.requestBody, jsonPointer(...opPointer, 'requestBody'));
        const requestBody = followed.node as JsonObject;
        const base = followed.pointer;
        const byMediaType = new Map<string, ValidateFunction>();
        for (const [media, def] of Object.entries((requestBody.content ?? {}) as JsonObject)) {
          if (isObject(def) && def.schema !== undefined)
            byMediaType.set(
              media.toLowerCase(),
              ajv.compileAt(`${base}${jsonPointer('content', media, 'schema')}`),
            );
        }
        bodySpec = { required: requestBody.required === true, byMediaType };
      }

      routes.push({
        method: method.toUpperCase(),
        resourcePath: path,
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        resourceId: shortId(path),
        integration,
        authorizer,
        unenforcedAuth: authorizer ? undefined : unenforcedAuth,
        validateParameters: validator?.validateRequestParameters === true,
        requiredParameters,
        validateBody: validator?.validateRequestBody === true,
        body: bodySpec,
      });
    }
  }
  for (const a of authorizers.values()) if (typeof a === 'string') warnings.push(a);
  return {
    routes,
    gatewayResponses: (body['x-amazon-apigateway-gateway-responses'] ?? {}) as JsonObject,
    binaryMediaTypes: ((body['x-amazon-apigateway-binary-media-types'] ?? []) as Json[]).map(String),
    warnings: [...new Set(warnings)],
  };
}
