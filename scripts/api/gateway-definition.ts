/**
 * The API Gateway definition (api/gateway.yaml), generated from the contract: template.yaml
 * includes it as the API's DefinitionBody (Fn::Transform: AWS::Include). It holds what API Gateway
 * needs and only what its OpenAPI import supports
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html):
 * - security on every operation, exactly as the contract states it: API Gateway ignores a
 *   document-level `security`;
 * - a Lambda proxy integration per operation, to the function its `x-function` names (through the
 *   function's AutoPublishAlias alias when template.yaml gives it one: function-aliases.ts);
 * - the TOKEN authorizer behind each security scheme (its `x-function`);
 * - one mock CORS preflight per path, listing that path's methods and the headers its operations take;
 * - a params-only request validator: bodies are validated by the handlers, whose 400 carries a
 *   JSON pointer per failing field (a gateway body error could not: see gateway-responses.ts);
 * - the gateway responses (gateway-responses.ts);
 * - schemas, parameters and responses reduced to what the import keeps (gateway-schema.ts).
 */
import {
  authorizerFunctions,
  contractOperations,
  resolveComponent,
  type Contract,
  type ContractOperation,
  type JsonMap,
  type Parameter,
} from './contract.js';
import { gatewayResponses } from './gateway-responses.js';
import { gatewaySchema, isModelName } from './gateway-schema.js';

/** How long API Gateway caches an authorizer result per token, in seconds (its default; at most 3600). */
export const AUTHORIZER_TTL_SECONDS = 300;
/** How long browsers may cache a preflight answer, in seconds. */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;
export const PARAMS_ONLY_VALIDATOR = 'params-only';

/**
 * The browser origin the API allows, as template.yaml computes it: the console's CloudFront domain
 * when the stack deploys the console (DeployConsole), else the CorsAllowedOrigin parameter. The
 * template's Globals give the functions the same expression (CORS_ALLOWED_ORIGIN);
 * tests/delivery/console.test.ts ties the two.
 */
export const CORS_ORIGIN_VALUE = {
  'Fn::If': [
    'ConsoleDeployed',
    { 'Fn::Sub': 'https://${ConsoleDistribution.DomainName}' },
    { Ref: 'CorsAllowedOrigin' },
  ],
};

/** That origin as a header mapping value (quoted: a static value to API Gateway). */
const CORS_ORIGIN = { 'Fn::Sub': ["'${Origin}'", { Origin: CORS_ORIGIN_VALUE }] };

/**
 * The invocation URI of a template function, for integrations and authorizers: through the alias
 * SAM's AutoPublishAlias creates when the function has one (`aliases`: function id -> alias logical
 * id, whose Ref is the alias ARN; see function-aliases.ts), else the function's own ARN.
 */
export const invocationUri = (functionId: string, aliases: ReadonlyMap<string, string> = new Map()) => {
  const alias = aliases.get(functionId);
  return {
    'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${alias ?? `${functionId}.Arn`}}/invocations`,
  };
};

/** Path segments API Gateway accepts; a path parameter must be a whole segment. */
function pathProblems(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .filter((segment) => !/^(\{[A-Za-z0-9_]+\+?\}|[A-Za-z0-9_.,:-]+)$/.test(segment))
    .map((segment) => `${path}: segment "${segment}" (a path parameter must be a whole segment)`);
}

/** Input parameters keep only name, in, required, description and the type: the import drops the rest. */
function gatewayParameter(p: Parameter): JsonMap {
  const type = typeof p.schema?.type === 'string' ? p.schema.type : 'string';
  return {
    name: p.name,
    in: p.in,
    required: p.in === 'path' ? true : p.required === true,
    ...(p.description ? { description: p.description } : {}),
    schema: { type },
  };
}

function gatewayContent(content: unknown, where: string): JsonMap {
  return Object.fromEntries(
    Object.entries((content ?? {}) as Record<string, { schema?: unknown }>).map(([media, def]) => [
      media,
      def.schema === undefined ? {} : { schema: gatewaySchema(def.schema, `${where}/${media}`) },
    ]),
  );
}

/** Responses inlined (the import does not follow `$ref: '#/components/responses/X'`), schemas reduced. */
function gatewayResponsesOf(contract: Contract, op: ContractOperation): JsonMap {
  const where = `${op.method.toUpperCase()} ${op.path}`;
  return Object.fromEntries(
    Object.entries((op.raw.responses ?? {}) as JsonMap).map(([status, raw]) => {
      const r = resolveComponent<JsonMap>(contract, raw, 'responses');
      const headers = r.headers as Record<string, JsonMap> | undefined;
      return [
        status,
        {
          description: r.description ?? '',
          ...(headers
            ? {
                headers: Object.fromEntries(
                  Object.entries(headers).map(([name, h]) => [
                    name,
                    {
                      ...(h.description ? { description: h.description } : {}),
                      schema: { type: (h.schema as JsonMap | undefined)?.type ?? 'string' },
                    },
                  ]),
                ),
              }
            : {}),
          ...(r.content ? { content: gatewayContent(r.content, `${where} ${status}`) } : {}),
        },
      ];
    }),
  );
}

function gatewayOperation(
  contract: Contract,
  op: ContractOperation,
  aliases: ReadonlyMap<string, string>,
): JsonMap {
  const where = `${op.method.toUpperCase()} ${op.path}`;
  return {
    operationId: op.operationId,
    ...(op.raw.summary ? { summary: op.raw.summary } : {}),
    security: op.security,
    ...(op.parameters.length > 0 ? { parameters: op.parameters.map(gatewayParameter) } : {}),
    ...(op.requestBody
      ? {
          requestBody: {
            required: op.requestBody.required === true,
            content: gatewayContent(op.requestBody.content, `${where} requestBody`),
          },
        }
      : {}),
    responses: gatewayResponsesOf(contract, op),
    'x-amazon-apigateway-request-validator': PARAMS_ONLY_VALIDATOR,
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: invocationUri(op.functionId, aliases),
    },
  };
}

/** The headers a browser may send on a path: the credentials, the body's type and every header parameter. */
export function preflightHeaders(ops: ContractOperation[]): string[] {
  const declared = ops.flatMap((op) => op.parameters.filter((p) => p.in === 'header').map((p) => p.name));
  return [...new Set(['Authorization', 'Content-Type', ...declared])];
}

function preflight(ops: ContractOperation[]): JsonMap {
  const quoted = (value: string) => `'${value}'`;
  const methods = [...ops.map((op) => op.method.toUpperCase()), 'OPTIONS'];
  const headerNames = [
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Access-Control-Max-Age',
  ];
  return {
    summary: 'CORS preflight',
    security: [],
    responses: {
      '204': {
        description: 'CORS preflight response.',
        headers: Object.fromEntries(headerNames.map((h) => [h, { schema: { type: 'string' } }])),
      },
    },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 204}' },
      responses: {
        default: {
          statusCode: '204',
          responseParameters: {
            'method.response.header.Access-Control-Allow-Origin': CORS_ORIGIN,
            'method.response.header.Access-Control-Allow-Methods': quoted(methods.join(',')),
            'method.response.header.Access-Control-Allow-Headers': quoted(preflightHeaders(ops).join(',')),
            'method.response.header.Access-Control-Max-Age': quoted(String(PREFLIGHT_MAX_AGE_SECONDS)),
          },
        },
      },
    },
  };
}

function securitySchemes(contract: Contract, aliases: ReadonlyMap<string, string>): JsonMap {
  const functions = authorizerFunctions(contract);
  return Object.fromEntries(
    Object.entries(contract.components.securitySchemes ?? {}).map(([name, scheme]) => {
      if (scheme.type !== 'apiKey' || scheme.in !== 'header' || typeof scheme.name !== 'string')
        throw new Error(`Security scheme ${name}: only an apiKey in a header maps to a TOKEN authorizer`);
      return [
        name,
        {
          type: 'apiKey',
          name: scheme.name,
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            identitySource: `method.request.header.${scheme.name}`,
            authorizerResultTtlInSeconds: AUTHORIZER_TTL_SECONDS,
            authorizerUri: invocationUri(functions.get(name) as string, aliases),
          },
        },
      ];
    }),
  );
}

/**
 * `aliases`: the functions published with an alias (function-aliases.ts, read from template.yaml);
 * API Gateway invokes those through the alias.
 */
export function gatewayDefinition(
  contract: Contract,
  aliases: ReadonlyMap<string, string> = new Map(),
): JsonMap {
  const operations = contractOperations(contract);
  const problems = Object.keys(contract.paths).flatMap(pathProblems);
  const names = Object.keys(contract.components.schemas ?? {});
  problems.push(...names.filter((n) => !isModelName(n)).map((n) => `model name ${n} is not alphanumeric`));
  if (problems.length > 0) throw new Error(`openapi.yaml:\n  ${problems.join('\n  ')}`);

  const paths: JsonMap = {};
  for (const path of Object.keys(contract.paths)) {
    const ops = operations.filter((op) => op.path === path);
    paths[path] = {
      ...Object.fromEntries(ops.map((op) => [op.method, gatewayOperation(contract, op, aliases)])),
      options: preflight(ops),
    };
  }
  return {
    openapi: contract.openapi,
    info: {
      title: contract.info.title,
      version: contract.info.version,
      description: 'Generated from openapi.yaml by `npm run generate` (scripts/api/). Do not edit.',
    },
    paths,
    components: {
      schemas: Object.fromEntries(
        names.map((n) => [n, gatewaySchema(contract.components.schemas?.[n], `#/components/schemas/${n}`)]),
      ),
      securitySchemes: securitySchemes(contract, aliases),
    },
    'x-amazon-apigateway-request-validators': {
      [PARAMS_ONLY_VALIDATOR]: { validateRequestBody: false, validateRequestParameters: true },
    },
    'x-amazon-apigateway-gateway-responses': gatewayResponses(CORS_ORIGIN),
  };
}
