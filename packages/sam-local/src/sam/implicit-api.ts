/**
 * The REST APIs SAM generates from functions' `Events` of type `Api`, as the SAM translator does
 * (written by hand: no JavaScript library implements SAM's transform), so the gateway serves them
 * from a definition as it serves an explicit one:
 *
 * - An event without `RestApiId` belongs to the implicit API `ServerlessRestApi`, stage `Prod`: "If
 *   not defined, a default AWS::Serverless::Api resource is created using a generated OpenApi
 *   document" (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html#sam-function-api-restapiid),
 *   whose stage resource is `ServerlessRestApiProdStage`
 *   (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html).
 *   An event whose `RestApiId` names an `AWS::Serverless::Api` without DefinitionBody/DefinitionUri
 *   adds its operation to that API's generated definition ("If you don't provide a DefinitionUri or
 *   DefinitionBody, AWS SAM generates one for you":
 *   https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html#sam-api-definitionbody).
 * - Each operation is a Lambda proxy (`aws_proxy`) integration; `Method: ANY` is
 *   `x-amazon-apigateway-any-method`; `{id}` and `{proxy+}` path parameters pass through.
 * - `Globals.Api` is merged into every generated API (the implicit one keeps stage `Prod`).
 * - `Cors` adds an OPTIONS mock per path answering the CORS headers
 *   (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html):
 *   a string is AllowOrigin; Access-Control-Allow-Credentials only when true; a path that already
 *   has an OPTIONS method keeps it. The page does not state AllowMethods' default: it is what SAM's
 *   translator writes (samtranslator/swagger/swagger.py, _make_cors_allowed_methods_for_path_item),
 *   the path's methods plus OPTIONS, sorted (every method for ANY). Proxy responses get no CORS
 *   headers from API Gateway: the function adds them
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html).
 * - `Auth` (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html):
 *   Authorizers become security schemes (Lambda TOKEN and REQUEST, Cognito user pools, AWS_IAM);
 *   `DefaultAuthorizer` applies to every operation whose event names no authorizer, and to the CORS
 *   preflights unless `AddDefaultAuthorizerToCorsPreflight: false` (its default is true); an event's
 *   `Auth.Authorizer: NONE` opts out; `AuthorizationScopes` on the authorizer or the event become
 *   the operation's scopes. `ApiKeyRequired`, `UsagePlan` and `ResourcePolicy` are not emulated
 *   (named in a note, with the explain table's reason).
 */
import { AUTH_IGNORED, plain } from '../explain/rules.js';
import type { Json, JsonObject, Resource, SamTemplate } from './template.js';
import { functionsOf, mergeGlobals, text } from './template.js';

export const IMPLICIT_API_ID = 'ServerlessRestApi';
/** The stage SAM gives the implicit API (Globals cannot change it). */
export const IMPLICIT_API_STAGE = 'Prod';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What API Gateway's ANY stands for in the CORS AllowMethods SAM writes. */
const ALL_HTTP_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const ANY_METHOD = 'x-amazon-apigateway-any-method';
const INTEGRATION = 'x-amazon-apigateway-integration';

interface ApiEvent {
  functionId: string;
  eventName: string;
  path: string;
  method: string;
  auth: JsonObject;
}

/**
 * One note per part of `auth` that has no local effect (ApiKeyRequired, UsagePlan, ResourcePolicy:
 * the names and reasons are the explain table's, explain/rules.ts).
 */
function ignoredAuthNotes(where: string, auth: JsonObject): string[] {
  return Object.entries(AUTH_IGNORED)
    .filter(([key]) => auth[key] !== undefined && auth[key] !== false)
    .map(([key, rule]) => `${where}: Auth.${key} is not emulated (${plain(rule.how)})`);
}

/** The logical id an event's RestApiId names (`!Ref Api`, or the id as a string). */
function restApiOf(props: JsonObject): string | undefined {
  const id = props.RestApiId;
  if (id === undefined) return undefined;
  if (isObject(id) && typeof id.Ref === 'string') return id.Ref;
  return typeof id === 'string' ? id : undefined;
}

function hasDefinition(resource: Resource | undefined): boolean {
  const p = resource?.Properties ?? {};
  return p.DefinitionBody !== undefined || p.DefinitionUri !== undefined;
}

/** A security scheme as SAM's translator writes one for an authorizer of `Auth.Authorizers`. */
function securityScheme(authorizer: JsonObject): JsonObject | undefined {
  const identity = isObject(authorizer.Identity) ? authorizer.Identity : {};
  const header = (identity.Header ?? 'Authorization') as Json;
  if (authorizer.UserPoolArn !== undefined) {
    const arns = Array.isArray(authorizer.UserPoolArn) ? authorizer.UserPoolArn : [authorizer.UserPoolArn];
    const config: JsonObject = { type: 'cognito_user_pools', providerARNs: arns };
    if (identity.ValidationExpression !== undefined)
      config.identityValidationExpression = identity.ValidationExpression;
    return {
      type: 'apiKey',
      name: header,
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': config,
    };
  }
  if (authorizer.FunctionArn === undefined) return undefined;
  const request = authorizer.FunctionPayloadType === 'REQUEST';
  const config: JsonObject = {
    type: request ? 'request' : 'token',
    authorizerUri: {
      'Fn::Sub': [
        'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations',
        { __FunctionArn__: authorizer.FunctionArn },
      ],
    },
  };
  if (identity.ReauthorizeEvery !== undefined)
    config.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
  if (request) {
    const sources = [
      ...((identity.Headers ?? []) as Json[]).map((h) => `method.request.header.${String(h as string)}`),
      ...((identity.QueryStrings ?? []) as Json[]).map(
        (q) => `method.request.querystring.${String(q as string)}`,
      ),
    ];
    if (sources.length > 0) config.identitySource = sources.join(', ');
  } else if (identity.ValidationExpression !== undefined)
    config.identityValidationExpression = identity.ValidationExpression;
  return {
    type: 'apiKey',
    name: request ? 'Unused' : header,
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': config,
  };
}

const AWS_IAM_SCHEME: JsonObject = {
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  'x-amazon-apigateway-authtype': 'awsSigv4',
};

export interface GeneratedApis {
  /** The generated (or completed) AWS::Serverless::Api resources, by logical id. */
  resources: Record<string, Resource>;
  /** What is declared but not emulated, for the start-up notes. */
  notes: string[];
}

/** Each AWS::Serverless::Api the Api events make, with its generated Swagger 2.0 DefinitionBody. */
export function generatedApis(template: SamTemplate): GeneratedApis {
  const notes: string[] = [];
  const byApi = new Map<string, ApiEvent[]>();
  for (const fn of functionsOf(template)) {
    const events = isObject(fn.properties.Events) ? fn.properties.Events : {};
    for (const [eventName, event] of Object.entries(events)) {
      if (!isObject(event) || event.Type !== 'Api') continue;
      const props = isObject(event.Properties) ? event.Properties : {};
      const apiId = restApiOf(props) ?? IMPLICIT_API_ID;
      // An explicit definition must hold the operation itself: SAM does not add events to it.
      if (apiId !== IMPLICIT_API_ID && hasDefinition(template.Resources[apiId])) continue;
      if (apiId !== IMPLICIT_API_ID && template.Resources[apiId]?.Type !== 'AWS::Serverless::Api') {
        notes.push(
          `${fn.logicalId} event ${eventName}: RestApiId ${apiId} is not an AWS::Serverless::Api of the template: not served`,
        );
        continue;
      }
      const auth = isObject(props.Auth) ? props.Auth : {};
      notes.push(...ignoredAuthNotes(`${fn.logicalId} event ${eventName}`, auth));
      const list = byApi.get(apiId) ?? [];
      list.push({
        functionId: fn.logicalId,
        eventName,
        path: text(props.Path),
        method: text(props.Method).toLowerCase(),
        auth,
      });
      byApi.set(apiId, list);
    }
  }

  const globals = isObject(template.Globals.Api) ? template.Globals.Api : {};
  const resources: Record<string, Resource> = {};
  for (const [apiId, events] of byApi) {
    const declared = template.Resources[apiId];
    const props = mergeGlobals(globals, declared?.Properties ?? {}) as JsonObject;
    if (apiId === IMPLICIT_API_ID) props.StageName = IMPLICIT_API_STAGE;
    const definition = definitionFor(events, props, apiId, notes);
    resources[apiId] = {
      ...(declared ?? {}),
      Type: 'AWS::Serverless::Api',
      Properties: { ...props, DefinitionBody: definition },
    };
  }
  return { resources, notes };
}

function definitionFor(events: ApiEvent[], api: JsonObject, apiId: string, notes: string[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const e of events) {
    const item = (paths[e.path] ??= {});
    const key = e.method === 'any' ? ANY_METHOD : e.method;
    const operation: JsonObject = {
      [INTEGRATION]: {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: {
          'Fn::Sub': `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${e.functionId}.Arn}/invocations`,
        },
      },
      responses: {},
    };
    const authorizer = e.auth.Authorizer;
    if (typeof authorizer === 'string') {
      const declared = isObject(api.Auth) && isObject(api.Auth.Authorizers) ? api.Auth.Authorizers : {};
      const own = isObject(declared[authorizer]) ? declared[authorizer] : {};
      const scopes = e.auth.AuthorizationScopes ?? own.AuthorizationScopes ?? [];
      operation.security = [{ [authorizer]: authorizer === 'NONE' ? [] : scopes }];
    }
    item[key] = operation;
  }
  addCors(paths, api, apiId);
  const securityDefinitions = addAuth(paths, api, apiId, notes);
  return {
    swagger: '2.0',
    info: { version: '1.0', title: { Ref: 'AWS::StackName' } },
    paths,
    ...(Object.keys(securityDefinitions).length > 0 ? { securityDefinitions } : {}),
  };
}

function addCors(paths: Record<string, JsonObject>, api: JsonObject, apiId: string): void {
  const cors = api.Cors;
  if (cors === undefined) return;
  // A string (or an intrinsic giving one) is AllowOrigin alone.
  const intrinsic = isObject(cors) && Object.keys(cors).some((k) => k === 'Ref' || k.startsWith('Fn::'));
  const config: JsonObject = isObject(cors) && !intrinsic ? cors : { AllowOrigin: cors };
  if (config.AllowOrigin === undefined)
    throw new Error(`${apiId}: Cors needs AllowOrigin (SAM refuses the template without it)`);
  for (const item of Object.values(paths)) {
    if (item.options !== undefined) continue;
    const methods =
      item[ANY_METHOD] !== undefined
        ? ALL_HTTP_METHODS
        : [...new Set([...Object.keys(item).map((m) => m.toUpperCase()), 'OPTIONS'])].sort();
    const headers: JsonObject = {
      'method.response.header.Access-Control-Allow-Origin': config.AllowOrigin,
      'method.response.header.Access-Control-Allow-Methods': config.AllowMethods ?? `'${methods.join(',')}'`,
    };
    if (config.AllowHeaders !== undefined)
      headers['method.response.header.Access-Control-Allow-Headers'] = config.AllowHeaders;
    if (config.MaxAge !== undefined) headers['method.response.header.Access-Control-Max-Age'] = config.MaxAge;
    if (config.AllowCredentials === true)
      headers['method.response.header.Access-Control-Allow-Credentials'] = "'true'";
    item.options = {
      summary: 'CORS support',
      [INTEGRATION]: {
        type: 'mock',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        responses: {
          default: {
            statusCode: '200',
            responseParameters: headers,
            responseTemplates: { 'application/json': '{}\n' },
          },
        },
      },
      responses: { '200': { description: 'Default response for CORS method' } },
    };
  }
}

/** The API's Auth: security schemes, and the default authorizer on the operations without one. */
function addAuth(
  paths: Record<string, JsonObject>,
  api: JsonObject,
  apiId: string,
  notes: string[],
): JsonObject {
  const auth = isObject(api.Auth) ? api.Auth : {};
  const authorizers = isObject(auth.Authorizers) ? auth.Authorizers : {};
  const schemes: JsonObject = {};
  for (const [name, authorizer] of Object.entries(authorizers)) {
    if (name === 'AWS_IAM' || !isObject(authorizer)) continue;
    const scheme = securityScheme(authorizer);
    if (scheme) schemes[name] = scheme;
    else notes.push(`${apiId} authorizer ${name}: neither FunctionArn nor UserPoolArn: not served`);
  }
  notes.push(...ignoredAuthNotes(apiId, auth));
  const defaultAuthorizer = typeof auth.DefaultAuthorizer === 'string' ? auth.DefaultAuthorizer : undefined;
  const toPreflight = auth.AddDefaultAuthorizerToCorsPreflight !== false;
  let usesIam = defaultAuthorizer === 'AWS_IAM';
  for (const item of Object.values(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!isObject(op)) continue;
      const security = Array.isArray(op.security) ? op.security : [];
      const none = security.some((s) => isObject(s) && 'NONE' in s);
      if (none) delete op.security;
      else if (security.length === 0 && defaultAuthorizer && (toPreflight || method !== 'options')) {
        const own = isObject(authorizers[defaultAuthorizer]) ? authorizers[defaultAuthorizer] : {};
        op.security = [{ [defaultAuthorizer]: own.AuthorizationScopes ?? [] }];
      }
      if (Array.isArray(op.security) && op.security.some((s) => isObject(s) && 'AWS_IAM' in s))
        usesIam = true;
    }
  }
  if (usesIam) schemes.AWS_IAM = AWS_IAM_SCHEME;
  return schemes;
}
